import { describe, expect, it } from 'vitest';
import { readReoptimised } from './reopt-note';

describe('the re-optimisation note', () => {
  it('reads before, after and the orders moved together from the event', () => {
    const r = readReoptimised({
      reoptimised: {
        before: { locations: ['loc-palermo', 'loc-quilmes'], names: ['Palermo', 'Quilmes'], shipments: 2, cost: 20123.4 },
        after: { locations: ['loc-palermo'], names: ['Palermo'], shipments: 1, cost: 12000 },
        with: [{ id: 'o1', number: 1041 }, { bogus: true }],
      },
    });
    expect(r).toEqual({
      before: { locations: ['loc-palermo', 'loc-quilmes'], names: ['Palermo', 'Quilmes'], shipments: 2, cost: 20123.4 },
      after: { locations: ['loc-palermo'], names: ['Palermo'], shipments: 1, cost: 12000 },
      with: [{ id: 'o1', number: 1041 }],
    });
  });

  it('shows nothing for an event without a well-formed before and after (older events, other shapes)', () => {
    expect(readReoptimised(null)).toBeNull();
    expect(readReoptimised({ reoptimised: { before: { locations: 'x' }, after: {} } })).toBeNull();
    // An older event (single-order pass) has no names and no partners.
    expect(
      readReoptimised({
        reoptimised: { before: { locations: ['a'], shipments: 2, cost: null }, after: { locations: ['b'], shipments: 1, cost: 3 } },
      }),
    ).toMatchObject({
      before: { names: undefined, cost: null },
      with: [],
    });
  });
});
