import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPMENT_STATUSES } from '../../../shared';
import { businessCalendar } from './business-calendar';
import { delayFindings, type ShipmentFacts } from './delay-rules';

const ba = (local: string) => new Date(`${local}-03:00`);
const calendar = businessCalendar('AR');
const policy = { stalledBusinessDays: 2, branchWaitDays: 5 };

function facts(over: Partial<ShipmentFacts>): ShipmentFacts {
  return {
    status: 'in_transit',
    createdAt: ba('2026-12-14T10:00'),
    handOverDueAt: ba('2026-12-14T16:00'),
    firstScanAt: ba('2026-12-14T17:00'),
    lastEventAt: ba('2026-12-14T17:00'),
    statusAt: ba('2026-12-14T17:00'),
    promisedAt: ba('2026-12-16T23:59:59.999'),
    etaAt: null,
    previousEtaAt: null,
    lastReason: null,
    ...over,
  };
}
const reasons = (f: ShipmentFacts, now: string) => delayFindings(f, ba(now), policy, calendar).map((x) => x.reason);
const detail = (f: ShipmentFacts, now: string, reason: string) =>
  delayFindings(f, ba(now), policy, calendar).find((x) => x.reason === reason)?.detail;

describe('delay rules', () => {
  it('no first scan by the cut-off plus one business day', () => {
    const ready = facts({ status: 'ready', firstScanAt: null, lastEventAt: null, statusAt: ba('2026-12-14T11:00') });
    expect(reasons(ready, '2026-12-15T15:59')).toEqual([]);
    expect(reasons(ready, '2026-12-15T16:00')).toEqual(['no_first_scan']);
    expect(detail(ready, '2026-12-15T16:00', 'no_first_scan')).toBe(
      'No carrier scan a business day after the hand-over cut-off on 2026-12-14: check the parcel left the dock, then ask the carrier to collect it.',
    );
    // A cut-off on Thursday 24 December: Christmas and the weekend do not count.
    const xmas = facts({
      status: 'manifested',
      firstScanAt: null,
      lastEventAt: null,
      handOverDueAt: ba('2026-12-24T16:00'),
      promisedAt: null,
    });
    expect(reasons(xmas, '2026-12-28T15:59')).toEqual([]);
    expect(reasons(xmas, '2026-12-28T16:00')).toEqual(['no_first_scan']);
    // Without a known cut-off, from when the label was made.
    expect(detail({ ...ready, handOverDueAt: null }, '2026-12-15T10:00', 'no_first_scan')).toMatch(
      /after the label was made on 2026-12-14/,
    );
    // Scanned: the rule is over.
    expect(reasons({ ...ready, firstScanAt: ba('2026-12-14T17:00') }, '2026-12-15T16:00')).toEqual([]);
  });

  it('stalled: no scan for N business days while moving; a branch wait is not a stall', () => {
    // Last scan Mon 14 Dec 17:00: two business days later is Wed 16 Dec 17:00.
    expect(reasons(facts({ promisedAt: null }), '2026-12-16T16:59')).toEqual([]);
    expect(reasons(facts({ promisedAt: null }), '2026-12-16T17:00')).toEqual(['stalled']);
    expect(detail(facts({ promisedAt: null }), '2026-12-18T09:00', 'stalled')).toBe(
      'No carrier scan for 3 business days (the last on 2026-12-14, in transit): ask the carrier where the parcel is.',
    );
    // Over Christmas: Wed 23 Dec + 2 business days = Mon 28 Dec (24th works, 25th and the weekend do not).
    const xmas = facts({ lastEventAt: ba('2026-12-23T12:00'), promisedAt: null });
    expect(reasons(xmas, '2026-12-28T11:59')).toEqual([]);
    expect(reasons(xmas, '2026-12-28T12:00')).toEqual(['stalled']);
    expect(reasons(facts({ status: 'at_branch', promisedAt: null }), '2026-12-16T17:00')).toEqual([]);
  });

  it('a carrier ETA after the promise, and an ETA moving later', () => {
    const f = facts({ lastEventAt: ba('2026-12-15T09:00'), etaAt: ba('2026-12-17T12:00'), previousEtaAt: ba('2026-12-15T12:00') });
    expect(reasons(f, '2026-12-15T10:00')).toEqual(['eta_after_promise', 'eta_slipping']);
    expect(detail(f, '2026-12-15T10:00', 'eta_after_promise')).toBe(
      'The carrier expects to deliver on 2026-12-17, after the promised 2026-12-16: tell the customer or re-ship faster.',
    );
    expect(detail(f, '2026-12-15T10:00', 'eta_slipping')).toBe('The carrier moved its delivery estimate from 2026-12-15 to 2026-12-17.');
    // The same local day as the promise is on time; an earlier new ETA is not slipping.
    expect(
      reasons(
        facts({ lastEventAt: ba('2026-12-15T09:00'), etaAt: ba('2026-12-16T20:00'), previousEtaAt: ba('2026-12-17T20:00') }),
        '2026-12-15T10:00',
      ),
    ).toEqual([]);
  });

  it('promise passed and not delivered — also for a lost or returned parcel, never for a delivered or cancelled one', () => {
    const f = facts({ status: 'out_for_delivery', lastEventAt: ba('2026-12-16T22:00'), statusAt: ba('2026-12-16T22:00') });
    expect(reasons(f, '2026-12-16T23:59')).toEqual([]);
    expect(reasons(f, '2026-12-17T00:00')).toEqual(['promise_passed']);
    expect(detail(f, '2026-12-17T00:00', 'promise_passed')).toBe(
      'Promised for 2026-12-16 and not delivered (out for delivery): tell the customer when it will arrive.',
    );
    expect(reasons({ ...f, status: 'returned' }, '2026-12-20T10:00')).toEqual(['promise_passed']);
    expect(reasons({ ...f, status: 'lost' }, '2026-12-20T10:00')).toEqual(['promise_passed', 'carrier_exception']);
    expect(reasons({ ...f, status: 'delivered', etaAt: ba('2026-12-20T10:00') }, '2026-12-30T10:00')).toEqual([]);
    expect(reasons({ ...f, status: 'cancelled' }, '2026-12-30T10:00')).toEqual([]);
  });

  it('carrier exceptions say what happened and the reason code', () => {
    const f = facts({
      status: 'attempt_failed',
      lastEventAt: ba('2026-12-15T11:00'),
      statusAt: ba('2026-12-15T11:00'),
      lastReason: 'customer_absent',
    });
    expect(delayFindings(f, ba('2026-12-15T12:00'), policy, calendar)).toEqual([
      {
        reason: 'carrier_exception',
        detail:
          'The carrier reported a failed delivery attempt (customer_absent) on 2026-12-15: check the address with the customer or call the carrier.',
      },
    ]);
    expect(reasons({ ...f, status: 'exception', lastReason: null }, '2026-12-15T12:00')).toEqual(['carrier_exception']);
    expect(detail({ ...f, status: 'returning' }, '2026-12-15T12:00', 'carrier_exception')).toMatch(
      /is returning it to the sender \(customer_absent\)/,
    );
  });

  it('waiting at a branch longer than the policy allows (calendar days)', () => {
    const f = facts({ status: 'at_branch', statusAt: ba('2026-12-10T09:00'), promisedAt: null });
    expect(reasons(f, '2026-12-15T09:00')).toEqual([]);
    expect(reasons(f, '2026-12-15T09:01')).toEqual(['waiting_at_branch']);
    expect(detail(f, '2026-12-16T10:00', 'waiting_at_branch')).toBe(
      "Waiting at the carrier's branch since 2026-12-10 (6 days, more than 5): remind the customer to collect it before it goes back.",
    );
  });

  it('a delivered or cancelled shipment never fires; each reason fires once at most and names a date', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHIPMENT_STATUSES),
        fc.integer({ min: 0, max: 60 * 86_400_000 }),
        fc.option(fc.integer({ min: -5, max: 10 })),
        (status, later, etaShift) => {
          const base = facts({
            status,
            etaAt: etaShift === null ? null : new Date(ba('2026-12-16T12:00').getTime() + etaShift * 86_400_000),
          });
          const now = new Date(base.createdAt.getTime() + later);
          const found = delayFindings(base, now, policy, calendar);
          if (status === 'delivered' || status === 'cancelled') expect(found).toEqual([]);
          expect(new Set(found.map((f) => f.reason)).size).toBe(found.length);
          for (const f of found) expect(f.detail).toMatch(/\d{4}-\d{2}-\d{2}/);
        },
      ),
    );
  });
});
