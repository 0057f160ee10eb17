/** The parts of a sourcing decision that exclusions touch (any strategy's decision has them). */
export interface ExcludableDecision {
  candidates: { locationId: string; locationName: string }[];
  excluded: { locationId: string; locationName: string; reason: string }[];
}

/**
 * Drops the excluded locations from a decision's ranked candidates and records each as left out,
 * with the exclusion's reason, ahead of the others (so the decision record always shows them).
 * Pure; the ranking of the remaining candidates is unchanged.
 */
export function applyExclusions<D extends ExcludableDecision>(decision: D, exclusions: ReadonlyMap<string, string>): D {
  if (exclusions.size === 0) return decision;
  const kept: D['candidates'] = [];
  const dropped: D['excluded'] = [];
  for (const c of decision.candidates) {
    const reason = exclusions.get(c.locationId);
    if (reason === undefined) kept.push(c);
    else dropped.push({ locationId: c.locationId, locationName: c.locationName, reason });
  }
  // Locations already left out for another reason (no stock, paused) keep that reason, but an
  // exclusion is named too, so "why not the store that rejected it" is always answered.
  const others = decision.excluded.map((e) => {
    const reason = exclusions.get(e.locationId);
    return reason === undefined ? e : { ...e, reason: `${reason}; ${e.reason}` };
  });
  const first = others.filter((e) => exclusions.has(e.locationId));
  const rest = others.filter((e) => !exclusions.has(e.locationId));
  return { ...decision, candidates: kept, excluded: [...dropped, ...first, ...rest] };
}
