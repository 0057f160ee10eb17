import { createHash } from 'node:crypto';
import { OrderDraftSchema, unstorableText, type OrderDraft } from '../../../shared';
import {
  ChannelPayloadError,
  type ChannelAccount,
  type ChannelAdapter,
  type ChannelMessage,
  type InboundRequest,
  type Verdict,
} from '../../ports/channel.port';
import { hashApiKey, sameHash } from '../crypto/secret-box';

/** The API key of a request: `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
export function presentedApiKey(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const auth = headers.authorization?.trim();
  if (auth && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim() || undefined;
  return headers['x-api-key']?.trim() || undefined;
}

const CANCEL_PATH = /^\/orders\/([^/]{1,384})\/cancel\/?$/;

/**
 * The external id of a cancel path (`/orders/<externalId>/cancel`, percent-encoded as sent),
 * decoded once; a malformed encoding, or an id that cannot be stored, is a field issue on `path`.
 */
function cancelTarget(path: string): { externalId: string } | { issue: string } | null {
  const m = CANCEL_PATH.exec(path);
  if (!m) return null;
  let externalId: string;
  try {
    externalId = decodeURIComponent(m[1]!);
  } catch {
    return { issue: 'the external id in the path is not valid percent-encoding (encode it with encodeURIComponent)' };
  }
  const bad = unstorableText(externalId);
  if (bad) return { issue: `the external id ${bad}` };
  if (externalId.length > 128) return { issue: 'the external id is longer than 128 characters' };
  return { externalId };
}

/** Accepts the canonical order (`lines[].sku`, `shipTo` with coordinates) as well as the draft shape (`lines[].channelSku`). */
function toDraftInput(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  const lines = Array.isArray(b.lines)
    ? b.lines.map((l: unknown) =>
        l && typeof l === 'object' && 'sku' in l && !('channelSku' in l)
          ? { ...(l as object), channelSku: (l as { sku: unknown }).sku }
          : l,
      )
    : b.lines;
  return { channel: 'api', currency: 'ARS', ...b, lines };
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new ChannelPayloadError(`The body is not JSON: ${(e as Error).message}`, [{ path: '(body)', message: 'send a JSON object' }]);
  }
}

/**
 * The built-in REST channel (kind `api`). Each API channel has its own key, stored as a hash only;
 * the adapter compares the hash of the presented key in constant time. Besides the synchronous
 * `POST /api/v1/orders`, an API channel can post asynchronously to its inbox:
 * `POST /api/v1/channels/<id>/orders` (an order, acknowledged at once, processed from the inbox) and
 * `POST /api/v1/channels/<id>/orders/<externalId>/cancel` (`{"reason": "…"}`).
 */
export const restApiAdapter: ChannelAdapter = {
  kind: 'api',
  requiredSecrets: [],
  requiredSettings: [],
  verify(req: InboundRequest, account: ChannelAccount): Verdict {
    const key = presentedApiKey(req.headers);
    const expected = account.secrets.apiKeyHash;
    if (!key) return { ok: false, status: 401, reason: 'Missing API key: send Authorization: Bearer <key> or X-Api-Key: <key>' };
    if (!expected || !sameHash(hashApiKey(key), expected)) return { ok: false, status: 401, reason: 'Wrong API key for this channel' };
    if (req.method !== 'POST') return { ok: false, status: 400, reason: `Use POST, not ${req.method}` };
    const cancel = cancelTarget(req.path);
    const idem = req.headers['idempotency-key']?.trim();
    const bodyHash = createHash('sha256').update(req.rawBody).digest('hex');
    if (cancel && 'issue' in cancel)
      return { ok: false, status: 400, reason: `path: ${cancel.issue}`, issues: [{ path: 'path', message: cancel.issue }] };
    if (cancel) return { ok: true, topic: 'order.cancel', dedupeKey: `cancel:${cancel.externalId}:${idem ?? bodyHash}` };
    if (req.path === '/orders' || req.path === '/orders/')
      return { ok: true, topic: 'order.upsert', dedupeKey: idem ? `key:${idem}` : `body:${bodyHash}` };
    return {
      ok: false,
      status: 400,
      reason: `Unknown path ${req.path}: post orders to /orders and cancellations to /orders/<externalId>/cancel`,
    };
  },
  async interpret(req: InboundRequest): Promise<ChannelMessage[]> {
    const cancel = cancelTarget(req.path);
    const body = req.rawBody.length ? parseJson(req.rawBody) : {};
    if (cancel && 'issue' in cancel) throw new ChannelPayloadError(`path: ${cancel.issue}`, [{ path: 'path', message: cancel.issue }]);
    if (cancel) {
      const reason =
        body && typeof body === 'object' && typeof (body as { reason?: unknown }).reason === 'string'
          ? (body as { reason: string }).reason
          : 'cancelled by the channel';
      return [{ type: 'order.cancel', externalId: cancel.externalId, reason: reason.slice(0, 500) }];
    }
    const parsed = OrderDraftSchema.safeParse(toDraftInput(body));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
      throw new ChannelPayloadError(`Invalid order: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
    const draft: OrderDraft = parsed.data;
    return [{ type: 'order.upsert', draft }];
  },
};
