import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPMENT_TRANSITIONS, type ShipmentStatus } from '../../../shared';
import { progressRank } from '../../core/shipping/shipment-progress';
import { decodeSimulatorId, encodeSimulatorId } from './simulator-id';
import { addWeekdays, eventsBy, simulatorJourney } from './simulator-journey';
import { SIMULATOR_OUTCOMES, parseSimulatorRules, planFor, type SimulatorOutcome } from './simulator-rules';

const STEP = 60;
// A Tuesday, 13:00 UTC.
const T0 = new Date('2025-06-10T13:00:00Z');

function journey(
  outcome: SimulatorOutcome | null,
  o: { labels?: 'sync' | 'async'; unknownCode?: boolean; service?: 'standard' | 'express' } = {},
) {
  const id = decodeSimulatorId(
    encodeSimulatorId({
      createdAt: T0,
      service: o.service ?? 'standard',
      postcode: '5000',
      labels: o.labels ?? 'sync',
      reference: 'AT1-1',
    }),
  )!;
  return simulatorJourney(id, { outcome, unknownCode: o.unknownCode ?? false }, { stepSeconds: STEP, branchSteps: 3 });
}
const statuses = (outcome: SimulatorOutcome | null) => journey(outcome).events.map((e) => e.status);

/**
 * A status sequence moves only forward, but for a failed attempt going out again (and repeats of the
 * same status). `adjacent`: the sequence is every event, so each move must also be in the transition
 * table (sampled sequences skip statuses between samples).
 */
function neverBackwards(seq: readonly (ShipmentStatus | null)[], adjacent = true): void {
  const known = seq.filter((s): s is ShipmentStatus => s !== null);
  for (let i = 1; i < known.length; i++) {
    const [a, b] = [known[i - 1]!, known[i]!];
    if (a === b) continue;
    if (adjacent) expect(SHIPMENT_TRANSITIONS[a], `${a} → ${b}`).toContain(b);
    if (!(a === 'attempt_failed' && b === 'out_for_delivery')) {
      expect(progressRank(b), `${a} → ${b} goes backwards`).toBeGreaterThanOrEqual(progressRank(a));
    }
  }
}

describe('simulator journeys', () => {
  it.each([
    [null, ['ready', 'in_transit', 'in_transit', 'out_for_delivery', 'delivered']],
    ['attempt_failed', ['ready', 'in_transit', 'in_transit', 'out_for_delivery', 'attempt_failed', 'out_for_delivery', 'delivered']],
    ['exception', ['ready', 'in_transit', 'in_transit', 'exception', 'out_for_delivery', 'delivered']],
    ['delay', ['ready', 'in_transit', 'in_transit', 'in_transit', 'out_for_delivery', 'delivered']],
    ['no_scan', ['ready']],
    ['lost', ['ready', 'in_transit', 'in_transit', 'lost']],
    ['return', ['ready', 'in_transit', 'in_transit', 'out_for_delivery', 'returning', 'returning', 'returned']],
    ['branch', ['ready', 'in_transit', 'in_transit', 'at_branch', 'delivered']],
  ] as const)('rule %s tells its story', (outcome, expected) => {
    const seq = statuses(outcome);
    expect(seq).toEqual(expected);
    neverBackwards(seq);
  });

  it('keeps reasons and raw codes: a failed visit is customer_absent, a refusal refused, damage damaged', () => {
    const byStatus = (o: SimulatorOutcome, s: ShipmentStatus) => journey(o).events.find((e) => e.status === s)!;
    expect(byStatus('attempt_failed', 'attempt_failed')).toMatchObject({ code: 'AUS', reason: 'customer_absent' });
    expect(byStatus('exception', 'exception')).toMatchObject({ code: 'DMG', reason: 'damaged' });
    expect(byStatus('return', 'returning')).toMatchObject({ code: 'REF', reason: 'refused' });
    expect(byStatus('branch', 'delivered')).toMatchObject({ code: 'COL', reason: 'collected' });
  });

  it('steps every stepSeconds after the label; an async label comes one step after creation', () => {
    const sync = journey(null);
    expect(sync.labelAt).toEqual(T0);
    expect(sync.events.map((e) => (e.at.getTime() - T0.getTime()) / 1000)).toEqual([0, 60, 120, 180, 240]);
    const async = journey(null, { labels: 'async' });
    expect(async.labelAt.getTime() - T0.getTime()).toBe(STEP * 1000);
    expect(async.events[0]!.at).toEqual(async.labelAt);
  });

  it('a rejected label has no tracking', () => {
    expect(journey('reject')).toMatchObject({ label: 'rejected', events: [] });
    expect(journey('reject', { labels: 'async' }).labelAt.getTime()).toBe(T0.getTime() + STEP * 1000);
  });

  it('puts the ETA transit business days ahead (a Tuesday + 3 is Friday, express + 1 is Wednesday)', () => {
    expect(journey(null).events[1]!.etaAt).toEqual(new Date('2025-06-13T21:00:00Z'));
    expect(journey(null, { service: 'express' }).events[1]!.etaAt).toEqual(new Date('2025-06-11T21:00:00Z'));
    expect(addWeekdays(new Date('2025-06-13T10:00:00Z'), 1)).toEqual(new Date('2025-06-16T21:00:00Z'));
    // A Saturday with 0 days moves to Monday.
    expect(addWeekdays(new Date('2025-06-14T10:00:00Z'), 0)).toEqual(new Date('2025-06-16T21:00:00Z'));
  });

  it('under delay the ETA slips at each step and the parcel arrives after the first ETA', () => {
    const j = journey('delay');
    const etas = j.events.filter((e) => e.etaAt).map((e) => e.etaAt!.getTime());
    for (let i = 1; i < 4; i++) expect(etas[i]!).toBeGreaterThan(etas[i - 1]!);
    const delivered = j.events.find((e) => e.status === 'delivered')!;
    expect(delivered.at.getTime()).toBeGreaterThan(etas[0]!);
    expect(j.events.find((e) => e.code === 'DLY')!.reason).toBe('delayed');
  });

  it('unknown_code adds an informational event with a code outside the table, between the hub and the last mile', () => {
    const j = journey('attempt_failed', { unknownCode: true });
    const i = j.events.findIndex((e) => e.status === null);
    expect(j.events[i]).toMatchObject({ code: 'NOV77', status: null });
    expect(j.events[i - 1]!.code).toBe('HUB');
    expect(j.events[i + 1]!.code).toBe('OFD');
  });

  it('shows only what has happened by now, and a cancellation ends the story there', () => {
    const j = journey(null);
    expect(eventsBy(j, new Date(T0.getTime() + 90_000)).map((e) => e.code)).toEqual(['LBL', 'ADM']);
    expect(eventsBy(j, new Date(T0.getTime() - 1))).toEqual([]);
    const cancelled = eventsBy(j, new Date(T0.getTime() + 600_000), new Date(T0.getTime() + 30_000));
    expect(cancelled.map((e) => e.code)).toEqual(['LBL', 'CAN']);
  });

  it('property: watched at any times, under any rule, a shipment never moves backwards', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(null, ...SIMULATOR_OUTCOMES.filter((o) => o !== 'reject')),
        fc.boolean(),
        fc.integer({ min: 1, max: 7_200 }),
        fc.array(fc.integer({ min: 0, max: 30 * 86_400_000 }), { minLength: 1, maxLength: 12 }),
        (outcome, unknownCode, stepSeconds, offsets) => {
          const id = decodeSimulatorId(
            encodeSimulatorId({ createdAt: T0, service: 'standard', postcode: '1', labels: 'sync', reference: 'r' }),
          )!;
          const j = simulatorJourney(id, { outcome, unknownCode }, { stepSeconds, branchSteps: 3 });
          // Events happen in time order.
          for (let i = 1; i < j.events.length; i++) expect(j.events[i]!.at.getTime()).toBeGreaterThan(j.events[i - 1]!.at.getTime());
          // The last status seen at each of the watcher's moments, in time order.
          const seen = [...offsets]
            .sort((a, b) => a - b)
            .map(
              (ms) =>
                eventsBy(j, new Date(T0.getTime() + ms))
                  .filter((e) => e.status)
                  .at(-1)?.status ?? null,
            );
          neverBackwards(seen, false);
          neverBackwards(j.events.map((e) => e.status));
        },
      ),
    );
  });

  it('the rules choose the journey by the longest postcode prefix', () => {
    const rules = parseSimulatorRules('*:delay,50:lost,5000:branch');
    expect(planFor(rules, '5000').outcome).toBe('branch');
    expect(planFor(rules, '5010').outcome).toBe('lost');
    expect(planFor(rules, 'C1414ABC').outcome).toBe('delay');
  });
});
