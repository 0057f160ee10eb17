import { reasonText } from '../../../shared/reasons';
import { sameCost, TIE_BREAK } from './cost-tie';
import { exclusionReason } from './exclusion-reason';
import type { EligibleSummary, LineSplitNote, ProfileDecision, SourcingOption } from './types';

/** How many left-out locations a decision record keeps (the count says how many there were). */
export const RECORDED_EXCLUSIONS = 50;

const money = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

/** An option as one row of the desk's "why this location, not that one" list. */
export function optionRow(o: SourcingOption) {
  return {
    locationId: o.parts.map((p) => p.locationId).join('+'),
    locationName: o.parts.map((p) => p.locationName).join(' + '),
    distanceKm: Math.max(...o.parts.map((p) => p.distanceKm)),
    total: Math.round(o.total * 100) / 100,
    splitPenalty: o.splitPenalty,
    parts: o.parts.map((p) => ({
      locationId: p.locationId,
      locationName: p.locationName,
      distanceKm: p.distanceKm,
      lines: p.lines,
      cost: p.cost,
    })),
    // Only an option that splits a line says so (older records, and options without, keep their shape).
    ...(o.lineSplits?.length
      ? { lineSplitPenalty: o.lineSplitPenalty ?? 0, lineSplits: o.lineSplits.map((s) => ({ ...s, text: lineSplitText(s) })) }
      : {}),
  };
}

/** A split line in words: "3 × MATE-1 split: 2 from Palermo, 1 from Belgrano" (the desk says it from the data). */
export function lineSplitText(s: LineSplitNote): string {
  return reasonText('sourcing.line_split', {
    quantity: s.quantity,
    sku: s.sku,
    parts: s.from.map((f) => `${f.quantity} from ${f.locationName}`).join(', '),
  });
}

/**
 * Why an eligible location is not in the chosen option: it has only part of the order, it costs
 * more shipping alone, or it costs the same (to the cent) and lost the tie-break — named, with the
 * two ids when both are single locations, since the search ranks a tie by location id.
 */
export function notUsedReason(e: EligibleSummary, chosen: SourcingOption | null): string {
  if (e.short) return `no stock of SKU ${e.short.sku} (needs ${e.short.needs}, has ${e.short.has}); can ship only part of the order`;
  if (!chosen || e.aloneCost === null) return 'not needed';
  if (!sameCost(e.aloneCost, chosen.total)) return `costs more: ${money(e.aloneCost)} shipping alone vs ${money(chosen.total)} chosen`;
  const only = chosen.parts.length === 1 ? chosen.parts[0]!.locationId : null;
  return only !== null && only < e.locationId
    ? `same cost as the chosen location (${money(chosen.total)}); tie broken by location id: ${only} before ${e.locationId}`
    : `same cost as the chosen option (${money(chosen.total)}); ties go to ${TIE_BREAK}`;
}

/**
 * The decision as kept on the order's timeline: the profile and strategy, the ranked options with
 * their cost breakdown (the chosen one marked), and for every location not used, why — a failed
 * filter, stock for only part of the order, or a higher cost than the chosen option. Order-level
 * exclusions (rejections, short picks, day blocks) are listed first.
 */
export function decisionRecord(
  d: ProfileDecision,
  chosen: SourcingOption | null,
  profile: { id: string; key: string; version: number },
): Record<string, unknown> {
  const used = new Set(chosen?.parts.map((p) => p.locationId) ?? []);
  const notUsed = d
    .explainEligible()
    .filter((e) => !used.has(e.locationId))
    .map((e) => ({
      locationId: e.locationId,
      locationName: e.locationName,
      reason: notUsedReason(e, chosen),
      cost: e.aloneCost === null ? null : Math.round(e.aloneCost * 100) / 100,
    }))
    .sort((a, b) => (a.cost ?? Infinity) - (b.cost ?? Infinity) || (a.locationId < b.locationId ? -1 : 1));
  const filtered = d.explainExcluded();
  const row = (e: (typeof filtered)[number]) => ({
    locationId: e.locationId,
    locationName: e.locationName,
    reason: exclusionReason(e.why),
    cost: null,
  });
  // Locations kept away from this order (a store rejected it, came up short, is blocked for the day)
  // come first, so "why not that store" survives the RECORDED_EXCLUSIONS cut on any network size.
  const all = [
    ...filtered.filter((e) => e.why.code === 'order-excluded').map(row),
    ...notUsed,
    ...filtered.filter((e) => e.why.code !== 'order-excluded').map(row),
  ];
  return {
    profile,
    strategy: d.strategy,
    method: d.method,
    chosen: chosen ? optionRow(chosen).locationId : null,
    candidates: d.options.map(optionRow),
    excluded: all.slice(0, RECORDED_EXCLUSIONS),
    excludedCount: all.length,
    tried: d.tried,
  };
}
