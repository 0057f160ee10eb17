import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundCarrierRequest, WebhookVerdict } from '../../ports/carrier.port';

/**
 * The simulator's webhooks: `POST` with body `{ "id": "<delivery id>", "trackingNumbers": [...] }` and
 * header `x-sim-signature` = base64 HMAC-SHA256 of the raw body with the account's `webhookSecret`.
 * Nothing posts them by itself (the simulator is in-process); tests and the bench build them with
 * {@link simulatorWebhook}.
 */

const sign = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('base64');

/** `x-sim-signature` = base64 HMAC-SHA256 of the raw body; body `{ id, trackingNumbers }`. Never throws. */
export function verifySimulatorWebhook(secret: string | undefined, req: InboundCarrierRequest): WebhookVerdict {
  if (!secret) return { ok: false, status: 401, reason: 'the simulator account has no webhookSecret; set one to accept its webhooks' };
  const given = Buffer.from(req.headers['x-sim-signature'] ?? '', 'utf8');
  const expected = Buffer.from(sign(secret, req.rawBody), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, status: 401, reason: 'x-sim-signature does not match the body signed with the account’s webhookSecret' };
  }
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    return { ok: false, status: 400, reason: 'the body is not JSON' };
  }
  const b = body as { id?: unknown; trackingNumbers?: unknown };
  if (typeof b.id !== 'string' || !Array.isArray(b.trackingNumbers) || !b.trackingNumbers.every((t) => typeof t === 'string')) {
    return { ok: false, status: 400, reason: 'the body must be { "id": string, "trackingNumbers": string[] }' };
  }
  return { ok: true, dedupeKey: b.id, refs: b.trackingNumbers as string[] };
}

/** A signed simulator webhook as the carrier would post it (tests and the bench). */
export function simulatorWebhook(
  secret: string,
  trackingNumbers: readonly string[],
  id: string,
  receivedAt = new Date(),
): InboundCarrierRequest {
  const rawBody = Buffer.from(JSON.stringify({ id, trackingNumbers }), 'utf8');
  return {
    method: 'POST',
    path: '/webhook',
    headers: { 'content-type': 'application/json', 'x-sim-signature': sign(secret, rawBody) },
    rawBody,
    receivedAt,
  };
}
