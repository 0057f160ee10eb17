import { randomBytes } from 'node:crypto';
import { HANG, bearerOf, startHttpTestServer, type HttpTestServer, type TestReply, type TestRequest } from './http-test-server';

/**
 * Meta's WhatsApp Cloud API send endpoint on loopback: `POST /{version}/{phoneNumberId}/messages`
 * with a Bearer token, checked strictly (unknown fields, a wrong `messaging_product`, a malformed
 * component are refused with (#100) Invalid parameter, as Graph does), approved templates with their
 * languages and body parameter count (132001 / 132000 otherwise), numbers that are not on WhatsApp
 * (131026), and failures on request — for one recipient or the next request — in Graph's error
 * shape, with Retry-After when asked. Accepted messages get a `wamid.` id and are recorded.
 */

export interface WhatsAppTemplateSpec {
  languages: string[];
  bodyParams: number;
}

export interface GraphFailure {
  status: number;
  code: number;
  subcode?: number;
  message: string;
  details?: string;
  retryAfterS?: number;
}

export interface WhatsAppSent {
  id: string;
  to: string;
  key: string | null;
  template: { name: string; language: string; components: unknown[] };
  body: Record<string, unknown>;
}

export interface WhatsAppServer {
  url: string;
  token: string;
  phoneNumberId: string;
  apiVersion: string;
  http: HttpTestServer;
  sent: WhatsAppSent[];
  /** Numbers the API answers 131026 (message undeliverable) for. */
  notOnWhatsApp: Set<string>;
  /** Every send to `to` fails this way (`times` sends, default every one). */
  failFor(to: string, failure: GraphFailure, times?: number): void;
  /** The next `times` sends fail this way. */
  failNext(failure: GraphFailure | 'hang', times?: number): void;
  close(): Promise<void>;
}

const graphError = (f: GraphFailure): TestReply => ({
  status: f.status,
  headers: f.retryAfterS !== undefined ? { 'retry-after': String(f.retryAfterS) } : {},
  body: {
    error: {
      message: `(#${f.code}) ${f.message}`,
      type: 'OAuthException',
      code: f.code,
      ...(f.subcode !== undefined ? { error_subcode: f.subcode } : {}),
      error_data: { messaging_product: 'whatsapp', details: f.details ?? f.message },
      fbtrace_id: `A${randomBytes(8).toString('base64url')}`,
    },
  },
});

const invalid = (details: string) => graphError({ status: 400, code: 100, message: 'Invalid parameter', details });

const TOP_LEVEL = new Set(['messaging_product', 'recipient_type', 'to', 'type', 'template', 'biz_opaque_callback_data']);

/** Why the body is not a valid template send, or null. */
function shapeProblem(b: Record<string, unknown>): string | null {
  for (const k of Object.keys(b)) if (!TOP_LEVEL.has(k)) return `Unexpected key "${k}" on param "message"`;
  if (b.messaging_product !== 'whatsapp') return 'messaging_product must be "whatsapp"';
  if (b.recipient_type !== 'individual') return 'recipient_type must be "individual"';
  if (typeof b.to !== 'string' || !/^\+?\d{8,15}$/.test(b.to)) return 'to must be a phone number';
  if (b.type !== 'template') return 'type must be "template" for this test server';
  const t = b.template as Record<string, unknown> | undefined;
  if (!t || typeof t.name !== 'string' || !t.name) return 'template.name is required';
  const lang = t.language as { code?: unknown } | undefined;
  if (!lang || typeof lang.code !== 'string') return 'template.language.code is required';
  if (!Array.isArray(t.components)) return 'template.components must be an array';
  for (const c of t.components as Record<string, unknown>[]) {
    if (!['header', 'body', 'button'].includes(String(c.type))) return `component type ${String(c.type)} is not valid`;
    if (c.type === 'button' && (!['url', 'quick_reply'].includes(String(c.sub_type)) || typeof c.index !== 'string')) {
      return 'a button component needs sub_type and a string index';
    }
    if (!Array.isArray(c.parameters)) return 'component parameters must be an array';
    for (const p of c.parameters as Record<string, unknown>[]) {
      if (p.type !== 'text' || typeof p.text !== 'string') return 'parameters must be {type: "text", text}';
    }
  }
  if (
    b.biz_opaque_callback_data !== undefined &&
    (typeof b.biz_opaque_callback_data !== 'string' || b.biz_opaque_callback_data.length > 512)
  ) {
    return 'biz_opaque_callback_data must be a string of at most 512 characters';
  }
  return null;
}

export async function startWhatsAppServer(templates: Record<string, WhatsAppTemplateSpec>): Promise<WhatsAppServer> {
  const token = `EAAtest${randomBytes(12).toString('hex')}`;
  const phoneNumberId = '106540352242922';
  const apiVersion = 'v21.0';
  const sent: WhatsAppSent[] = [];
  const notOnWhatsApp = new Set<string>();
  const perRecipient = new Map<string, { failure: GraphFailure; left: number }>();
  const next: (GraphFailure | 'hang')[] = [];

  const handle = (req: TestRequest): TestReply | typeof HANG => {
    if (req.method !== 'POST' || req.path !== `/${apiVersion}/${phoneNumberId}/messages`) {
      return graphError({
        status: 400,
        code: 100,
        subcode: 33,
        message: 'Unsupported post request',
        details: `Object with ID '${req.path.split('/')[2] ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
      });
    }
    if (bearerOf(req) !== token) {
      return graphError({ status: 401, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
    }
    const injected = next.shift();
    if (injected === 'hang') return HANG;
    if (injected) return graphError(injected);
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return invalid('Content-Type must be application/json');
    let b: Record<string, unknown>;
    try {
      b = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return invalid('The request body is not JSON');
    }
    const problem = shapeProblem(b);
    if (problem) return invalid(problem);
    const to = b.to as string;
    const t = b.template as WhatsAppSent['template'] & { language: { code: string } };
    const forTo = perRecipient.get(to);
    if (forTo && forTo.left > 0) {
      forTo.left -= 1;
      return graphError(forTo.failure);
    }
    const spec = templates[t.name];
    if (!spec || !spec.languages.includes(t.language.code)) {
      return graphError({
        status: 404,
        code: 132001,
        message: 'Template name does not exist in the translation',
        details: `template name (${t.name}) does not exist in ${t.language.code}`,
      });
    }
    const bodyParams = (t.components as { type: string; parameters: unknown[] }[])
      .filter((c) => c.type === 'body')
      .reduce((n, c) => n + c.parameters.length, 0);
    if (bodyParams !== spec.bodyParams) {
      return graphError({
        status: 400,
        code: 132000,
        message: 'Number of parameters does not match the expected number of params',
        details: `body: number of localizable_params (${bodyParams}) does not match the expected number of params (${spec.bodyParams})`,
      });
    }
    if (notOnWhatsApp.has(to)) {
      return graphError({
        status: 400,
        code: 131026,
        message: 'Message undeliverable',
        details: 'Unable to deliver message: the recipient is not a WhatsApp user',
      });
    }
    const id = `wamid.${Buffer.from(`${phoneNumberId}:${to}:${randomBytes(9).toString('hex')}`).toString('base64url')}`;
    sent.push({
      id,
      to,
      key: typeof b.biz_opaque_callback_data === 'string' ? b.biz_opaque_callback_data : null,
      template: { name: t.name, language: t.language.code, components: t.components },
      body: b,
    });
    return {
      status: 200,
      body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to.replace(/^\+/, '') }], messages: [{ id }] },
    };
  };

  const http = await startHttpTestServer(handle);
  return {
    url: http.url,
    token,
    phoneNumberId,
    apiVersion,
    http,
    sent,
    notOnWhatsApp,
    failFor: (to, failure, times = Number.POSITIVE_INFINITY) => perRecipient.set(to, { failure, left: times }),
    failNext: (failure, times = 1) => {
      for (let i = 0; i < times; i++) next.push(failure);
    },
    close: () => http.close(),
  };
}
