import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../src/engine/adapters/notify/webhook-signature';
import { WebhookNotifier } from '../../../src/engine/adapters/notify/webhook.notifier';
import type { WebhookMessage } from '../../../src/engine/ports/notifier.port';
import { startHttpTestServer, type HttpTestServer } from '../../support/notify/http-test-server';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/notify/webhook-receiver';
import { notifierFailure } from './conformance';

/**
 * Merchant webhooks beyond the conformance suite: the headers a receiver relies on, the signature as
 * a receiver verifies it (tampered bodies and stale replays refused, rotation accepted), and the
 * answers the worker acts on (410, 429, redirects, repeats).
 */

const SECRET = 'whsec_live_9f8e7d';
let receiver: WebhookReceiver;
const providers: WebhookNotifier[] = [];

const provider = (now?: () => Date) => {
  const p = new WebhookNotifier({ channel: 'webhook', timeoutMs: 5_000 }, now);
  providers.push(p);
  return p;
};

let n = 0;
const hook = (over: Partial<WebhookMessage> = {}): WebhookMessage => {
  const key = `shipment.delivered:SH-${++n}:v1:webhook`;
  return {
    channel: 'webhook',
    key,
    url: receiver.url,
    event: 'shipment.delivered',
    body: JSON.stringify({ id: key, type: 'shipment.delivered', data: { shipment: `SH-${n}`, at: '2026-03-01T12:00:00Z' } }),
    secret: SECRET,
    ...over,
  };
};

/** POSTs raw bytes with the given headers, as an attacker replaying or altering a capture would. */
function replay(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end(body);
  });
}

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secrets: [SECRET], toleranceSec: 300 });
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await receiver.close();
});

describe('merchant webhook provider', () => {
  it('POSTs the exact body with the event, the delivery id and a signature the receiver verifies', async () => {
    const now = new Date();
    const m = hook();
    const receipt = await provider(() => now).send(m);
    expect(receipt).toEqual({ providerId: m.key, reply: 'HTTP 200: {"ok":true}' });
    const req = receiver.http.requests.at(-1)!;
    expect(req.raw.equals(Buffer.from(m.body))).toBe(true);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['atalaya-event']).toBe('shipment.delivered');
    expect(req.headers['atalaya-delivery']).toBe(m.key);
    expect(req.headers['atalaya-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(req.headers['atalaya-signature']).toBe(signWebhook(SECRET, m.body, now));
    expect(receiver.verdicts.at(-1)).toEqual({ ok: true, timestamp: Math.floor(now.getTime() / 1000) });
  });

  it('a tampered body or a replay older than the tolerance is refused by the receiver', async () => {
    const m = hook();
    await provider().send(m);
    const req = receiver.http.requests.at(-1)!;
    const headers = {
      'content-type': 'application/json',
      'atalaya-event': String(req.headers['atalaya-event']),
      'atalaya-delivery': `${m.key}-again`,
      'atalaya-signature': String(req.headers['atalaya-signature']),
    };
    const tampered = m.body.replace('SH-', 'SX-');
    expect(await replay(receiver.url, headers, tampered)).toBe(401);
    expect(receiver.verdicts.at(-1)).toEqual({ ok: false, reason: 'mismatch' });
    // The genuine body with the genuine header goes through (a new delivery id, so not a repeat) …
    expect(await replay(receiver.url, headers, m.body)).toBe(200);
    // … but signed ten minutes ago, the same request is a stale replay.
    const stale = signWebhook(SECRET, m.body, new Date(Date.now() - 600_000));
    expect(await replay(receiver.url, { ...headers, 'atalaya-signature': stale }, m.body)).toBe(401);
    expect(receiver.verdicts.at(-1)).toEqual({ ok: false, reason: 'too_old' });
  });

  it('during a secret rotation the receiver accepts either secret', async () => {
    const rotating = await startWebhookReceiver({ secrets: ['whsec_new', 'whsec_old'] });
    try {
      await provider().send(hook({ url: rotating.url, secret: 'whsec_old' }));
      await provider().send(hook({ url: rotating.url, secret: 'whsec_new' }));
      expect(rotating.deliveries).toHaveLength(2);
      const e = await notifierFailure(provider().send(hook({ url: rotating.url, secret: 'whsec_other' })));
      expect(e.kind).toBe('config');
      expect(e.httpStatus).toBe(401);
    } finally {
      await rotating.close();
    }
  });

  it('410 Gone is failed with httpStatus 410: the endpoint asks to stop', async () => {
    receiver.failNext({ status: 410, body: { error: 'endpoint removed' } });
    const e = await notifierFailure(provider().send(hook()));
    expect(e.kind).toBe('failed');
    expect(e.httpStatus).toBe(410);
    expect(e.message).toMatch(/410 Gone/);
  });

  it('408, 429 (with Retry-After) and 5xx are retry; another 4xx is failed with the body', async () => {
    receiver.failNext({ status: 429, headers: { 'retry-after': '45' } });
    const limited = await notifierFailure(provider().send(hook()));
    expect(limited.kind).toBe('retry');
    expect(limited.retryAfterMs).toBe(45_000);
    for (const status of [408, 500, 502]) {
      receiver.failNext({ status });
      expect((await notifierFailure(provider().send(hook()))).kind, `status ${status}`).toBe('retry');
    }
    receiver.failNext({ status: 400, body: { error: 'unknown shipment' } });
    const refused = await notifierFailure(provider().send(hook()));
    expect(refused.kind).toBe('failed');
    expect(refused.reply).toBe('HTTP 400: {"error":"unknown shipment"}');
  });

  it('a redirect is not followed', async () => {
    let target: HttpTestServer | undefined;
    try {
      target = await startHttpTestServer(() => ({ status: 200 }));
      receiver.failNext({ status: 301, headers: { location: `${target.url}/elsewhere` } });
      const e = await notifierFailure(provider().send(hook()));
      expect(e.kind).toBe('failed');
      expect(e.message).toMatch(/redirects .* not followed/);
      expect(target.requests).toHaveLength(0);
    } finally {
      await target?.close();
    }
  });

  it('a repeat carries the same Atalaya-Delivery, which the receiver drops', async () => {
    const m = hook();
    const p = provider();
    await p.send(m);
    await p.send(m);
    expect(receiver.deliveries.filter((d) => d.delivery === m.key)).toHaveLength(1);
    const sent = receiver.http.requests.filter((r) => r.headers['atalaya-delivery'] === m.key);
    expect(sent).toHaveLength(2);
  });

  it('an endpoint that does not answer is retry after the timeout', async () => {
    receiver.failNext('hang');
    const p = new WebhookNotifier({ channel: 'webhook', timeoutMs: 300 });
    providers.push(p);
    const e = await notifierFailure(p.send(hook()));
    expect(e.kind).toBe('retry');
    expect(e.message).toMatch(/did not answer within 0\.3 s/);
    // The URL's path and query (where a token may sit) stay out of messages.
    expect(e.message).not.toContain('/hooks/atalaya');
  });
});
