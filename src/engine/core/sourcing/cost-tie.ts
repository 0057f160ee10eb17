/**
 * When two costs are the same: equal to the cent, the precision every explanation shows them at.
 * Rounded cents rather than "within 0.005 of each other" keeps sameness transitive (a ≈ b and
 * b ≈ c imply a ≈ c), so ranking options by cost and then by the tie-break is a consistent order,
 * and an explanation never shows two equal amounts as "costs more" nor two different ones as a tie.
 */
export const cents = (cost: number): number => Math.round(cost * 100);

/** The same cost, to the cent. */
export const sameCost = (a: number, b: number): boolean => cents(a) === cents(b);

/** Orders costs to the cent: negative when `a` is cheaper, 0 when they tie. */
export function compareCost(a: number, b: number): number {
  const ca = cents(a);
  const cb = cents(b);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/**
 * How far a partial cost may exceed the best so far and still tie with it to the cent: the search
 * prunes only past this, so an option that ties and wins the tie-break is never cut.
 */
export const TIE_MARGIN = 0.01;

/** How the decision breaks a tie between options of the same cost (see `search` in decide.ts). */
export const TIE_BREAK = 'fewer shipments, then location id';
