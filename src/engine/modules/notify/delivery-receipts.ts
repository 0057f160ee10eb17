import type { ErrorBody, FieldIssue } from '../../../shared';
import {
  parseWhatsAppStatuses,
  verifyTokenMatches,
  verifyWhatsAppSignature,
  WHATSAPP_SIGNATURE_HEADER,
} from '../../adapters/notify/whatsapp-webhook';
import type { DeliveryReceipts, ReceiptsResult } from '../../engine.types';
import type { ModuleContext } from '../../kernel/context';
import { listProviders } from './notify-config.store';
import { notifySecretBox } from './provider-runtime';
import { applyWhatsAppStatuses } from './workflows/apply-whatsapp-statuses';

/**
 * Providers' delivery receipts for the HTTP host: Meta's WhatsApp webhook (`GET` verification,
 * `POST` statuses) at `/api/v1/notify/whatsapp`. The webhook's keys are secrets of the WhatsApp
 * provider, saved with `notifications.saveProvider` beside its access token: `appSecret` (the Meta
 * app's secret, which signs every POST) and `verifyToken` (the string typed into Meta's webhook
 * settings). They are read whether or not the provider is enabled — messages already sent still
 * report — at most once a second (Meta posts many webhooks a second; a new secret is seen within it).
 */

const SECRETS_TTL_MS = 1_000;
/** Meta's challenge is a number; anything else is not echoed. */
const CHALLENGE = /^[A-Za-z0-9._-]{1,256}$/;
/** How long Meta should wait before sending again a webhook whose send is still being recorded. */
const PENDING_RETRY_S = 5;

interface WebhookKeys {
  appSecret: string | null;
  verifyToken: string | null;
}

function fail<S extends 400 | 401 | 403 | 404 | 503>(
  status: S,
  code: ErrorBody['error']['code'],
  message: string,
  extra: { issues?: FieldIssue[]; retryAfterSeconds?: number } = {},
): { status: S; body: ErrorBody } {
  return { status, body: { error: { code, message, ...extra } } };
}

export function createDeliveryReceipts(ctx: Pick<ModuleContext, 'ds' | 'log' | 'config'>): DeliveryReceipts {
  let cached: { at: number; keys: Promise<WebhookKeys> } | null = null;

  const keys = (): Promise<WebhookKeys> => {
    if (cached && Date.now() - cached.at < SECRETS_TTL_MS) return cached.keys;
    const p = listProviders(ctx.ds.manager).then((all): WebhookKeys => {
      const w = all.find((x) => x.channel === 'whatsapp');
      const s = w?.secrets ? notifySecretBox(ctx).open(w.secrets, w.secretsKeyId) : {};
      return { appSecret: s.appSecret || null, verifyToken: s.verifyToken || null };
    });
    cached = { at: Date.now(), keys: p };
    // A failed read (the database is away) is not remembered: the next webhook reads again.
    p.catch(() => cached?.keys === p && (cached = null));
    return p;
  };

  return {
    async verifyWhatsApp(query) {
      const { verifyToken } = await keys();
      const challenge = query['hub.challenge'] ?? '';
      if (query['hub.mode'] !== 'subscribe')
        return fail(403, 'FORBIDDEN', 'hub.mode must be "subscribe" (Meta’s webhook verification)', {
          issues: [{ path: 'hub.mode', message: 'must be "subscribe"' }],
        });
      if (!verifyToken)
        return fail(
          403,
          'FORBIDDEN',
          'No WhatsApp verify token is saved: save the WhatsApp provider with secrets.verifyToken, then verify the webhook in Meta’s App Dashboard',
        );
      if (!verifyTokenMatches(verifyToken, query['hub.verify_token']))
        return fail(403, 'FORBIDDEN', 'hub.verify_token is not the WhatsApp provider’s verifyToken', {
          issues: [{ path: 'hub.verify_token', message: 'does not match' }],
        });
      if (!CHALLENGE.test(challenge))
        return fail(400, 'VALIDATION_FAILED', 'hub.challenge must be 1–256 letters, digits, dots, dashes or underscores', {
          issues: [{ path: 'hub.challenge', message: 'missing or not a plain token' }],
        });
      return { status: 200, body: challenge };
    },

    async receiveWhatsApp(req): Promise<ReceiptsResult> {
      const { appSecret } = await keys();
      if (!appSecret)
        return fail(
          404,
          'NOT_FOUND',
          'WhatsApp delivery receipts are not set up: save the WhatsApp provider with secrets.appSecret (the Meta app’s secret) to take them',
        );
      // Nothing is read from the body, nor written, before the signature holds.
      if (!verifyWhatsAppSignature(appSecret, req.headers[WHATSAPP_SIGNATURE_HEADER], req.rawBody))
        return fail(401, 'UNAUTHORIZED', 'The X-Hub-Signature-256 header is not the app secret’s signature of this body', {
          issues: [{ path: 'headers.x-hub-signature-256', message: 'missing or does not match' }],
        });
      let json: unknown;
      try {
        json = JSON.parse(req.rawBody.toString('utf8'));
      } catch {
        return fail(400, 'VALIDATION_FAILED', 'The body is not JSON', { issues: [{ path: '(body)', message: 'not JSON' }] });
      }
      const parsed = parseWhatsAppStatuses(json);
      if (!parsed.ok)
        return fail(400, 'VALIDATION_FAILED', `Not a WhatsApp webhook as Meta documents it: ${parsed.path}: ${parsed.message}`, {
          issues: [{ path: parsed.path, message: parsed.message }],
        });
      const r = await applyWhatsAppStatuses(ctx, parsed.statuses);
      if (r.pending)
        return fail(503, 'UNAVAILABLE', `${r.pending} status(es) name messages whose send is still being recorded: send again shortly`, {
          retryAfterSeconds: PENDING_RETRY_S,
        });
      return {
        status: 200,
        body: { received: true, statuses: r.statuses, applied: r.applied, ignored: r.ignored + parsed.skipped },
      };
    },
  };
}
