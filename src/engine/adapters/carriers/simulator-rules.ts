/**
 * The simulator's failure rules: a comma list of `<postcode prefix>:<rule>` ("1414:attempt_failed,
 * 5000:delay"). A destination postcode takes the rules of the longest prefix that matches it (a
 * prefix may be listed more than once to combine an outcome with `unknown_code`); `*` matches every
 * postcode, as the shortest prefix.
 */

/** What happens to a parcel: one outcome per journey. */
export const SIMULATOR_OUTCOMES = ['attempt_failed', 'exception', 'delay', 'no_scan', 'lost', 'return', 'branch', 'reject'] as const;
export type SimulatorOutcome = (typeof SIMULATOR_OUTCOMES)[number];

/** Outcomes and `unknown_code`: an informational event with a code the adapter does not map (kept raw, status null). */
export type SimulatorRule = SimulatorOutcome | 'unknown_code';

export interface SimulatorRules {
  readonly byPrefix: ReadonlyMap<string, readonly SimulatorRule[]>;
}

/** What the rules say for one postcode. */
export interface SimulatorPlan {
  outcome: SimulatorOutcome | null;
  unknownCode: boolean;
}

const RULES: readonly string[] = [...SIMULATOR_OUTCOMES, 'unknown_code'];

/** Postcodes as the simulator compares them: upper-case letters and digits only ("C1414ABC", "01310-100" → "01310100"). */
export function normalisePostcode(postcode: string | undefined): string {
  return (postcode ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Parses the `rules` setting; throws an Error naming the entry and what it takes. */
export function parseSimulatorRules(text: string): SimulatorRules {
  const byPrefix = new Map<string, SimulatorRule[]>();
  for (const entry of text.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const m = /^([0-9A-Za-z*-]+)\s*:\s*([a-z_]+)$/.exec(entry);
    if (!m || !RULES.includes(m[2]!)) {
      throw new Error(`the rules entry "${entry}" is not "<postcode prefix>:<rule>" with a rule among ${RULES.join(', ')}`);
    }
    const prefix = m[1] === '*' ? '' : normalisePostcode(m[1]);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), m[2] as SimulatorRule]);
  }
  return { byPrefix };
}

/** The plan for a postcode: the rules of the longest matching prefix (its first outcome wins). */
export function planFor(rules: SimulatorRules, postcode: string): SimulatorPlan {
  const pc = normalisePostcode(postcode);
  let best: string | null = null;
  for (const prefix of rules.byPrefix.keys()) {
    if (pc.startsWith(prefix) && (best === null || prefix.length > best.length)) best = prefix;
  }
  const list = best === null ? [] : (rules.byPrefix.get(best) ?? []);
  return {
    outcome: (list.find((r) => r !== 'unknown_code') as SimulatorOutcome | undefined) ?? null,
    unknownCode: list.includes('unknown_code'),
  };
}

/** The rules back as a setting (for the harness and the demo seed, which build them). */
export function formatSimulatorRules(rules: Iterable<readonly [string, SimulatorRule]>): string {
  return [...rules].map(([prefix, rule]) => `${prefix === '' ? '*' : prefix}:${rule}`).join(',');
}
