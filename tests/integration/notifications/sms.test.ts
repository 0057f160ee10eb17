import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SmsNotifier, type SmsConfig } from '../../../src/engine/adapters/notify/sms.notifier';
import type { SmsMessage } from '../../../src/engine/ports/notifier.port';
import { startSmsServer, type SmsServer } from '../../support/notify/sms-server';
import { notifierFailure } from './conformance';

/** The SMS provider beyond the conformance suite: the gateway contract's request and its answers. */

let server: SmsServer;
const providers: SmsNotifier[] = [];

const provider = (over: Partial<SmsConfig> = {}) => {
  const p = new SmsNotifier({ channel: 'sms', baseUrl: server.url, token: server.token, ...over });
  providers.push(p);
  return p;
};

let n = 0;
const sms = (over: Partial<SmsMessage> = {}): SmsMessage => ({
  channel: 'sms',
  key: `order.ready_for_pickup:P-${++n}:v1:sms`,
  to: '+5491155550000',
  text: `Tu pedido P-${n} está listo para retirar.`,
  ...over,
});

beforeAll(async () => {
  server = await startSmsServer();
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await server.close();
});

describe('SMS gateway provider', () => {
  it('posts {to, text, reference} with the bearer token and the key as Idempotency-Key', async () => {
    const m = sms();
    const receipt = await provider().send(m);
    const req = server.http.requests.at(-1)!;
    expect(req.path).toBe('/messages');
    expect(req.headers.authorization).toBe(`Bearer ${server.token}`);
    expect(req.headers['idempotency-key']).toBe(m.key);
    expect(JSON.parse(req.body)).toEqual({ to: m.to, text: m.text, reference: m.key });
    expect(receipt).toEqual({ providerId: server.sent.at(-1)!.id, reply: 'HTTP 202' });
  });

  it('a repeat of the same reference is not sent twice by a gateway that keeps the contract', async () => {
    const p = provider();
    const m = sms();
    const first = await p.send(m);
    const again = await p.send(m);
    expect(again.providerId).toBe(first.providerId);
    expect(server.sent.filter((s) => s.reference === m.key)).toHaveLength(1);
  });

  it('a number that is not E.164 is undeliverable (422 invalid_number)', async () => {
    const e = await notifierFailure(provider().send(sms({ to: '11 5555-0000' })));
    expect(e.kind).toBe('undeliverable');
    expect(e.httpStatus).toBe(422);
    expect(e.reply).toContain('invalid_number');
  });

  it('429 with Retry-After is retry after that long; 5xx is retry', async () => {
    server.failNext({ status: 429, code: 'rate_limited', message: 'slow down', retryAfterS: 12 });
    const limited = await notifierFailure(provider().send(sms()));
    expect(limited.kind).toBe('retry');
    expect(limited.retryAfterMs).toBe(12_000);
    server.failNext({ status: 502, code: 'upstream', message: 'SMSC unreachable' });
    expect((await notifierFailure(provider().send(sms()))).kind).toBe('retry');
  });

  it('a wrong token is config and never appears in the error', async () => {
    const e = await notifierFailure(provider({ token: 'sms_leaked_secret' }).send(sms()));
    expect(e.kind).toBe('config');
    expect(`${e.message} ${e.reply}`).not.toContain('sms_leaked_secret');
    server.failNext({ status: 403, code: 'forbidden', message: 'account suspended' });
    expect((await notifierFailure(provider().send(sms()))).kind).toBe('config');
  });

  it('a base URL without the /messages route is config', async () => {
    const e = await notifierFailure(provider({ baseUrl: `${server.url}/v9` }).send(sms()));
    expect(e.kind).toBe('config');
    expect(e.message).toMatch(/base URL/);
  });

  it('another 4xx is failed with the gateway’s words', async () => {
    server.failNext({ status: 400, code: 'text_too_long', message: 'text exceeds 10 segments' });
    const e = await notifierFailure(provider().send(sms()));
    expect(e.kind).toBe('failed');
    expect(e.reply).toBe('HTTP 400: {"error":{"code":"text_too_long","message":"text exceeds 10 segments"}}');
  });

  it('an unreachable gateway is retry', async () => {
    const e = await notifierFailure(provider({ baseUrl: 'http://127.0.0.1:1' }).send(sms()));
    expect(e.kind).toBe('retry');
    expect(e.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
  });
});
