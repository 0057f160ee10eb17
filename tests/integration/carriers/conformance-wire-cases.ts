import { expect } from 'vitest';
import { SUITE_HTTP, carrierFailure, type Case, type ConformanceKit } from './conformance-kit';

/**
 * The conformance cases about the wire: credentials, 404, 429, 5xx, a hanging server, the breaker,
 * and a create retried after a timeout. Each injects one failure at the harness's server and calls
 * with a client without retries, so the failure is consumed by that call and nothing is left behind.
 * Left out for an in-process carrier (no wire to fail).
 */
export function wireCases(k: ConformanceKit): Case[] {
  const wireOnly = k.wire ? null : 'in-process carrier, no HTTP';
  return [
    {
      tag: 'credentials',
      name: 'refuses wrong credentials as auth, with a message saying what to fix',
      leftOut: wireOnly,
      run: async () => {
        const bad = await carrierFailure(
          k.adapter.createShipment(k.run.badCredentials, k.run.shipmentRequest(k.ref('A')), k.noRetryIo(k.run.badCredentials).io),
        );
        expect(bad.kind).toBe('auth');
        expect(bad.message).toMatch(/credential|password|token|user|key|secret/i);
        k.run.failNext('auth');
        const injected = await carrierFailure(
          k.adapter.createShipment(k.run.account, k.run.shipmentRequest(k.ref('A')), k.noRetryIo(k.run.account).io),
        );
        expect(injected.kind).toBe('auth');
      },
    },
    {
      tag: '404',
      name: 'answers a shipment the carrier does not know (404) as not_found',
      leftOut: wireOnly,
      run: async () => {
        const created = await k.createShipment(k.ref('N'));
        k.run.failNext('not_found');
        const e = await carrierFailure(k.adapter.checkShipment(k.run.account, created.externalId, k.noRetryIo(k.run.account).io));
        expect(e.kind).toBe('not_found');
      },
    },
    {
      tag: '429',
      name: '429 with Retry-After is rate_limited with retryAfterMs',
      leftOut: wireOnly,
      run: async () => {
        const created = await k.createShipment(k.ref('T'));
        k.run.failNext('rate_limited', { retryAfterS: 7 });
        const e = await carrierFailure(k.adapter.track(k.run.account, [created.trackingNumber], k.noRetryIo(k.run.account).io));
        expect(e.kind).toBe('rate_limited');
        expect(e.retryAfterMs).toBe(7_000);
      },
    },
    {
      tag: '5xx',
      name: 'a server error (5xx) is unavailable',
      leftOut: wireOnly,
      run: async () => {
        const created = await k.createShipment(k.ref('E'));
        k.run.failNext('server_error');
        const e = await carrierFailure(k.adapter.track(k.run.account, [created.trackingNumber], k.noRetryIo(k.run.account).io));
        expect(e.kind).toBe('unavailable');
      },
    },
    {
      tag: 'timeout',
      name: 'a server that hangs is unavailable once the client times out',
      leftOut: wireOnly,
      run: async () => {
        const created = await k.createShipment(k.ref('H'));
        k.run.failNext('timeout');
        const e = await carrierFailure(k.adapter.track(k.run.account, [created.trackingNumber], k.noRetryIo(k.run.account).io));
        expect(e.kind).toBe('unavailable');
        expect(e.message).toMatch(/did not answer/);
      },
    },
    {
      tag: 'breaker',
      name: 'after repeated 5xx the breaker opens and calls fail fast',
      leftOut: wireOnly,
      run: async () => {
        const created = await k.createShipment(k.ref('B'));
        const { io, pool } = k.noRetryIo(k.run.account);
        k.run.failNext('server_error', { times: SUITE_HTTP.breakAfter });
        for (let i = 0; i < SUITE_HTTP.breakAfter; i++) {
          expect((await carrierFailure(k.adapter.track(k.run.account, [created.trackingNumber], io))).kind).toBe('unavailable');
        }
        expect(pool.circuit(k.run.account.id)).toBe('open');
        // Nothing is injected now: the carrier would answer, but the open breaker does not ask it.
        const fast = await carrierFailure(k.adapter.track(k.run.account, [created.trackingNumber], io));
        expect(fast.kind).toBe('unavailable');
        expect(fast.message).toMatch(/paused/);
        // Another account (another pool here) is not affected.
        expect(await k.track([created.trackingNumber])).toBeInstanceOf(Array);
      },
    },
    {
      tag: 'retry after timeout',
      name: 'a create retried after a timeout never buys twice',
      leftOut: wireOnly,
      run: async () => {
        const reference = k.ref('D');
        const before = k.run.purchases();
        k.run.failNext('timeout');
        const e = await carrierFailure(
          k.adapter.createShipment(k.run.account, k.run.shipmentRequest(reference), k.noRetryIo(k.run.account).io),
        );
        expect(e.kind).toBe('unavailable');
        const again = await k.adapter.createShipment(k.run.account, k.run.shipmentRequest(reference), k.ioFor(k.run.account).io);
        expect(['created', 'pending']).toContain(again.state);
        expect(k.run.purchases() - before).toBe(1);
      },
    },
  ];
}
