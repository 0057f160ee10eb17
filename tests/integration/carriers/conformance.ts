import { afterAll, beforeAll, describe, it } from 'vitest';
import type { CarrierHarness, HarnessRun } from '../../support/carriers/harness';
import { conformanceKit } from './conformance-kit';
import { portCases } from './conformance-port-cases';
import { wireCases } from './conformance-wire-cases';

/**
 * The carrier port's conformance suite: every adapter passes it against its harness (a loopback
 * server speaking the carrier's documented format, or the in-process simulator). Call it once per
 * harness at the top level of a test file: `describeCarrierConformance(andreaniHarness())`.
 *
 * A case that does not apply to a carrier (by its capabilities, or because it has no wire) is not
 * registered at all, and the describe title names what was left out and why — never a silent skip.
 *
 * Adapter expectations the cases pin down beyond the port's types:
 * - `track` answers a shipment's events oldest first;
 * - an injected failure is one failed HTTP request: the failure cases use a client without retries
 *   (the client's own retries and backoff are carrier-http's tests), so each case consumes exactly
 *   what it injected and leaves nothing behind for the next one.
 */
export function describeCarrierConformance(h: CarrierHarness): void {
  let run: HarnessRun | undefined;
  const kit = conformanceKit(h, () => {
    if (!run) throw new Error(`${h.kind} harness: start() has not finished`);
    return run;
  });
  const cases = [...portCases(kit), ...wireCases(kit)];
  const active = cases.filter((c) => c.leftOut === null);
  const byWhy = new Map<string, string[]>();
  for (const c of cases) if (c.leftOut !== null) byWhy.set(c.leftOut, [...(byWhy.get(c.leftOut) ?? []), c.tag]);
  const note = byWhy.size
    ? ` — left out: ${[...byWhy].map(([why, tags]) => `${tags.join(', ')} (${why})`).join('; ')}`
    : ' — every case applies';
  describe(`${kit.adapter.displayName} (${h.kind}) conforms to the carrier port${note}`, () => {
    beforeAll(async () => {
      run = await h.start();
    });
    afterAll(async () => {
      await run?.stop();
    });
    for (const c of active) it(c.name, c.run);
  });
}
