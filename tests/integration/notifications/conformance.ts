import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotifierError, type OutgoingMessage } from '../../../src/engine/ports/notifier.port';
import type { NotifierHarness, NotifierRun } from '../../support/notify/harness';

/**
 * The notifier port's conformance suite: every channel provider passes it against its loopback
 * server (tests/support/notify/). Call it once per harness at the top level of a test file:
 * `describeNotifierConformance(smtpHarness())`.
 *
 * What it pins down beyond the port's types:
 * - what the server receives is exactly what was sent, to whom it was sent, with the key visible;
 * - each send is one attempt: an injected failure is consumed by the call it fails, and the same
 *   message sent again afterwards arrives once (the provider never retries by itself);
 * - the kinds: a temporary refusal is `retry`, a wrong address `undeliverable` with the reason,
 *   a refusal for good `failed` with the server's own words, wrong credentials `config`, a server
 *   that does not answer `retry` once the provider's timeout passes;
 * - `close()` closes the provider's connections (the server sees them go) and later sends fail.
 * Timeouts are only bounds: the hang case's provider waits 1 s for a server that never answers.
 */

/** The NotifierError a send failed with; fails the test if it succeeded or threw something else. */
export async function notifierFailure(p: Promise<unknown>): Promise<NotifierError> {
  try {
    await p;
  } catch (e) {
    expect(e, `expected a NotifierError, got ${String(e)}`).toBeInstanceOf(NotifierError);
    return e as NotifierError;
  }
  throw new Error('expected the send to fail with a NotifierError, but it succeeded');
}

/** How long the hang case's provider waits: short, since its server never answers. */
const HANG_TIMEOUT_MS = 1_000;

export function describeNotifierConformance<M extends OutgoingMessage>(h: NotifierHarness<M>): void {
  let current: NotifierRun<M> | undefined;
  const run = (): NotifierRun<M> => {
    if (!current) throw new Error(`${h.name} harness: start() has not finished`);
    return current;
  };
  let counter = 0;
  const key = (what: string) => `shipment.delivered:CF-${what}-${++counter}-${Date.now().toString(36)}:v1`;

  describe(`${h.name} conforms to the notifier port`, () => {
    beforeAll(async () => {
      current = await h.start();
    });
    afterAll(async () => {
      await current?.stop();
    });

    it('delivers: the server receives exactly what was sent, to the recipient, with the key', async () => {
      const r = run();
      const m = r.message(key('send'));
      const receipt = await r.provider().send(m);
      expect(receipt.reply).toBeTruthy();
      expect(r.received(m.key)).toEqual([r.expected(m)]);
    });

    it('sends many messages at once, each arriving exactly once', async () => {
      const r = run();
      const p = r.provider();
      const messages = Array.from({ length: 12 }, (_, i) => r.message(key(`many${i}`)));
      const receipts = await Promise.all(messages.map((m) => p.send(m)));
      expect(receipts).toHaveLength(12);
      for (const m of messages) expect(r.received(m.key)).toEqual([r.expected(m)]);
    });

    it('a temporary refusal is retry, and the same message then goes through once', async () => {
      const r = run();
      const p = r.provider();
      const m = r.message(key('transient'));
      r.failNext('transient');
      const e = await notifierFailure(p.send(m));
      expect(e.kind).toBe('retry');
      expect(r.received(m.key)).toEqual([]);
      await p.send(m);
      expect(r.received(m.key)).toEqual([r.expected(m)]);
    });

    it('a wrong address is undeliverable, with the reason', async () => {
      const r = run();
      const m = r.undeliverable(key('address'));
      const e = await notifierFailure(r.provider().send(m));
      expect(e.kind).toBe('undeliverable');
      expect(e.reply).toBeTruthy();
      expect(r.received(m.key)).toEqual([]);
    });

    it("a refusal for good is failed, with the server's reply", async () => {
      const r = run();
      const m = r.message(key('refuse'));
      r.failNext('refuse');
      const e = await notifierFailure(r.provider().send(m));
      expect(e.kind).toBe('failed');
      expect(e.reply).toContain(r.refusalReply);
      expect(r.received(m.key)).toEqual([]);
    });

    it('wrong credentials are config, with a message saying what to check', async () => {
      const r = run();
      const { provider, message } = r.badCredentials(key('auth'));
      const e = await notifierFailure(provider.send(message));
      expect(e.kind).toBe('config');
      expect(e.message).toMatch(/password|token|secret|credential|user/i);
      expect(r.received(message.key)).toEqual([]);
    });

    it('a server that does not answer is retry once the timeout passes', async () => {
      const r = run();
      const m = r.message(key('hang'));
      r.failNext('hang');
      const e = await notifierFailure(r.provider({ timeoutMs: HANG_TIMEOUT_MS }).send(m));
      expect(e.kind).toBe('retry');
      expect(e.message).toMatch(/did not answer/);
    });

    it('close() closes its connections, and a send after it fails', async () => {
      // A run of its own: the server's connection count is then this provider's alone.
      const own = await h.start();
      try {
        const p = own.provider();
        await p.send(own.message(key('close')));
        expect(own.openConnections()).toBeGreaterThan(0);
        await p.close();
        await expect.poll(() => own.openConnections(), { timeout: 10_000 }).toBe(0);
        const e = await notifierFailure(p.send(own.message(key('closed'))));
        expect(e.kind).toBe('retry');
      } finally {
        await own.stop();
      }
    });
  });
}
