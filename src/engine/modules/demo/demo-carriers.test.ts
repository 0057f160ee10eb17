import { describe, expect, it } from 'vitest';
import { parseSimulatorRules, planFor } from '../../adapters/carriers/simulator-rules';
import { simulatorSettings } from '../../adapters/carriers/simulator-settings';
import { createRng } from '../../core/rng';
import { DEMO_CARRIERS, demoCarrierCutoff } from './demo-carriers';
import { demoShopper } from './demo-customers';
import { readDemoLocations } from './seed.store';

describe('demo carriers', () => {
  it('are simulator accounts whose settings the simulator reads', () => {
    expect(DEMO_CARRIERS.map((c) => c.id)).toEqual(['sim-correo', 'sim-express']);
    for (const c of DEMO_CARRIERS) {
      expect(c.kind).toBe('simulator');
      expect(c.id).toMatch(/^[a-z0-9][a-z0-9-]{1,39}$/);
      const s = simulatorSettings({ ...c, secrets: {} });
      expect(s.stepSeconds).toBe(20);
    }
    const [correo, express] = DEMO_CARRIERS.map((c) => simulatorSettings({ ...c, secrets: {} }));
    expect(correo!.services).toEqual(['standard']);
    expect(express!.services).toEqual(['express']);
    expect(express!.priceBase).toBeGreaterThan(correo!.priceBase);
  });

  it('fail for postcodes the demo shoppers really have, and deliver most parcels', () => {
    const places = readDemoLocations().map((l) => ({ ...l, weight: l.dailyCapacity }));
    const rng = createRng(7);
    const postcodes = Array.from({ length: 5_000 }, () => demoShopper(rng, places).shipTo.postalCode ?? '');
    for (const c of DEMO_CARRIERS) {
      const rules = parseSimulatorRules(c.settings.rules ?? '');
      for (const prefix of rules.byPrefix.keys()) {
        expect(
          postcodes.some((p) => p.startsWith(prefix)),
          `${c.id}: no demo shopper lives in ${prefix}`,
        ).toBe(true);
      }
      const failing = postcodes.filter((p) => planFor(rules, p).outcome !== null).length;
      expect(failing / postcodes.length, `${c.id}: share of parcels with a twist`).toBeLessThan(0.35);
      expect(failing).toBeGreaterThan(0);
    }
  });

  it('cut-offs: DCs hand over at 18:00, stores and dark stores at 16:00', () => {
    expect([demoCarrierCutoff('dc'), demoCarrierCutoff('store'), demoCarrierCutoff('dark_store')]).toEqual(['18:00', '16:00', '16:00']);
  });
});
