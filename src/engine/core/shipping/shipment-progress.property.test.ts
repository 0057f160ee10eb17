import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPMENT_FINAL, SHIPMENT_TRANSITIONS, type ShipmentStatus } from '../../../shared';
import { isWayBack, judgeEvent, progressRank, replayEvents } from './shipment-progress';

/**
 * The property: random event orders never move a shipment backwards. A journey is a random
 * walk through the transition table (what a carrier really did, at strictly increasing times); the
 * carrier then reports it shuffled, with duplicates and events we cannot map.
 */

type Ev = { status: ShipmentStatus | null; occurredAt: Date };

const BASE = Date.UTC(2026, 5, 1);

const journeyArb = fc
  .record({
    start: fc.constantFrom<ShipmentStatus>('draft', 'label_pending', 'ready', 'manifested'),
    picks: fc.array(fc.nat(), { maxLength: 14 }),
    gaps: fc.array(fc.integer({ min: 1, max: 3 * 86_400_000 }), { minLength: 14, maxLength: 14 }),
  })
  .map(({ start, picks, gaps }) => {
    const events: Ev[] = [];
    let at = BASE;
    let s = start;
    for (const [i, p] of picks.entries()) {
      const next = SHIPMENT_TRANSITIONS[s];
      if (!next.length) break;
      s = next[p % next.length]!;
      at += gaps[i]!;
      events.push({ status: s, occurredAt: new Date(at) });
    }
    return { start, events, end: s };
  });

/** The journey's events as a carrier reports them: shuffled, some twice, some with unknown codes. */
const arrivalArb = journeyArb.chain((j) =>
  fc
    .record({
      dupes: fc.array(fc.nat({ max: Math.max(0, j.events.length - 1) }), { maxLength: j.events.length ? 6 : 0 }),
      unknown: fc.array(fc.integer({ min: 0, max: 20 * 86_400_000 }), { maxLength: 3 }),
    })
    .chain(({ dupes, unknown }) => {
      const all: Ev[] = [
        ...j.events,
        ...dupes.map((i) => ({ ...j.events[i]! })),
        ...unknown.map((ms) => ({ status: null, occurredAt: new Date(BASE + ms) })),
      ];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }).map((arrival) => ({ ...j, arrival }));
    }),
);

function applyAll(state: { status: ShipmentStatus; lastAppliedAt: Date | null }, events: readonly Ev[]) {
  const moves: { from: ShipmentStatus; to: ShipmentStatus; at: Date }[] = [];
  let s = { ...state };
  for (const e of events) {
    if (!judgeEvent(s, e).apply) continue;
    moves.push({ from: s.status, to: e.status!, at: e.occurredAt });
    s = { status: e.status!, lastAppliedAt: e.occurredAt };
  }
  return { state: s, moves };
}

describe('random event orders never move a shipment backwards', () => {
  it('applied one by one as they arrive: only table moves, rank never drops except the ways back, final stays final, time never goes back', () => {
    fc.assert(
      fc.property(arrivalArb, ({ start, arrival }) => {
        const { moves } = applyAll({ status: start, lastAppliedAt: null }, arrival);
        for (const [i, m] of moves.entries()) {
          expect(SHIPMENT_TRANSITIONS[m.from]).toContain(m.to);
          if (!isWayBack(m.from, m.to)) expect(progressRank(m.to)).toBeGreaterThanOrEqual(progressRank(m.from));
          expect(SHIPMENT_FINAL).not.toContain(m.from);
          if (i > 0) expect(m.at.getTime()).toBeGreaterThanOrEqual(moves[i - 1]!.at.getTime());
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('applying the applied events again, in any order, changes nothing', () => {
    fc.assert(
      fc.property(arrivalArb, ({ start, arrival }) => {
        const first = applyAll({ status: start, lastAppliedAt: null }, arrival);
        const again = applyAll(first.state, [...arrival].reverse());
        // Moves left after the first pass can only be events that came before the step allowing them
        // (replayEvents recovers those); a redelivered event that was applied never moves anything.
        const appliedEvents = arrival.filter((e) =>
          first.moves.some((m) => m.to === e.status && m.at.getTime() === e.occurredAt.getTime()),
        );
        expect(applyAll(first.state, appliedEvents).moves).toEqual([]);
        // And once final, nothing that arrives again moves it.
        if (SHIPMENT_FINAL.includes(first.state.status)) expect(again.moves).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('replayed in the order they happened, any arrival order ends where the carrier ended, and a replay of the replay changes nothing', () => {
    fc.assert(
      fc.property(arrivalArb, ({ start, arrival, end, events }) => {
        const r = replayEvents({ status: start, lastAppliedAt: null }, arrival);
        expect(r.status).toBe(end);
        expect(r.applied.filter(Boolean).length).toBe(events.length);
        const twice = replayEvents({ status: r.status, lastAppliedAt: r.lastAppliedAt }, [...arrival, ...arrival]);
        expect(twice.applied.some(Boolean)).toBe(false);
        expect(twice.status).toBe(end);
      }),
      { numRuns: 2000 },
    );
  });
});
