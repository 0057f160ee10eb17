import { randomUUID } from 'node:crypto';
import type { CarrierAccountConfig } from '../../../src/engine/ports/carrier.port';
import { simulatorPurchases, simulatorWebhook } from '../../../src/engine/adapters/carriers/simulator.carrier';
import { decodeSimulatorId } from '../../../src/engine/adapters/carriers/simulator-id';
import { SIMULATOR_UNKNOWN, simulatorJourney } from '../../../src/engine/adapters/carriers/simulator-journey';
import {
  formatSimulatorRules,
  parseSimulatorRules,
  planFor,
  type SimulatorRule,
} from '../../../src/engine/adapters/carriers/simulator-rules';
import type { CarrierHarness, HarnessRun } from './harness';

/**
 * The simulator's conformance harness. The simulator has no wire (so no injected failures); what it
 * has is a clock: the account's `clockOffsetMs` setting is moved forward to make a parcel "scan",
 * and its `rules` are rewritten per postcode (each shipment request gets a postcode of its own, with
 * the `attempt_failed` rule so every scan the suite asks for exists in its journey). The account's
 * settings object is this harness's own, so the adapter reads each change on its next call.
 */
export function simulatorHarness(opts: { labels?: 'sync' | 'async'; stepSeconds?: number } = {}): CarrierHarness {
  return {
    kind: 'simulator',
    wire: false,
    start: () => {
      const stepSeconds = opts.stepSeconds ?? 60;
      const settings: Record<string, string> = {
        stepSeconds: String(stepSeconds),
        labels: opts.labels ?? 'async',
        rules: '',
        clockOffsetMs: '0',
        priceBase: '2500',
        pricePerKg: '900',
      };
      const secret = `whsec-${randomUUID()}`;
      const account: CarrierAccountConfig = {
        id: `sim-conf-${randomUUID().slice(0, 8)}`,
        kind: 'simulator',
        name: 'Correo Simulado',
        settings,
        secrets: { webhookSecret: secret },
      };
      const rules = new Map<string, SimulatorRule[]>();
      const unsettled = new Set<string>();
      let postcodes = 0;
      let deliveries = 0;

      const writeRules = () => {
        settings.rules = formatSimulatorRules([...rules].flatMap(([pc, list]) => list.map((r) => [pc, r] as const)));
      };
      const now = () => Date.now() + Number(settings.clockOffsetMs);
      const advanceTo = (ms: number) => {
        if (ms > now()) settings.clockOffsetMs = String(ms - Date.now());
      };
      const journeyOf = (tn: string) => {
        const id = decodeSimulatorId(tn);
        if (!id) throw new Error(`simulator harness: ${tn} is not a simulator tracking number`);
        const plan = planFor(parseSimulatorRules(settings.rules ?? ''), id.postcode);
        return { id, journey: simulatorJourney(id, plan, { stepSeconds, branchSteps: 3 }) };
      };
      const addRule = (pc: string, rule: SimulatorRule) => {
        const list = rules.get(pc) ?? [];
        if (!list.includes(rule)) rules.set(pc, [...list, rule]);
        writeRules();
      };

      const run: HarnessRun = {
        account,
        badCredentials: { ...account, secrets: { webhookSecret: 'not-the-secret' } },
        failNext: () => {
          throw new Error('the simulator has no wire: failures cannot be injected (the suite leaves those cases out)');
        },
        shipmentRequest: (reference) => {
          const pc = `7${String(++postcodes).padStart(3, '0')}`;
          rules.set(pc, ['attempt_failed']);
          writeRules();
          unsettled.add(pc);
          return {
            reference,
            orderNumber: 1000 + postcodes,
            service: 'standard',
            from: {
              name: 'Atalaya Depósito Central',
              line1: 'Av. Siempreviva 742',
              city: 'Buenos Aires',
              postalCode: '1414',
              country: 'AR',
            },
            to: { name: 'María Peñalolén', line1: 'Calle Ñandú 12', city: 'Córdoba', region: 'Córdoba', postalCode: pc, country: 'AR' },
            parcel: { weightGrams: 1200, lengthMm: 300, widthMm: 200, heightMm: 100 },
            declaredValue: { amount: 15000, currency: 'ARS' },
            labelFormat: 'zpl',
          };
        },
        scan: (tn, to) => {
          const { journey } = journeyOf(tn);
          const next = journey.events.find((e) => e.status === to && e.at.getTime() > now());
          if (!next) throw new Error(`simulator harness: the journey of ${tn} has no ${to} still to come`);
          advanceTo(next.at.getTime());
          return Promise.resolve();
        },
        scanUnknown: (tn) => {
          const { id } = journeyOf(tn);
          addRule(id.postcode, 'unknown_code');
          const ev = journeyOf(tn).journey.events.find((e) => e.code === SIMULATOR_UNKNOWN.code);
          if (!ev) throw new Error(`simulator harness: the journey of ${tn} has no informational event`);
          advanceTo(ev.at.getTime());
          return Promise.resolve();
        },
        settleLabels: (outcome) => {
          // The first outcome listed for a postcode wins: `reject` replaces the journey's attempt_failed.
          if (outcome === 'rejected') for (const pc of unsettled) rules.set(pc, ['reject']);
          writeRules();
          unsettled.clear();
          advanceTo(now() + stepSeconds * 1000);
          return Promise.resolve();
        },
        webhook: (tn) => simulatorWebhook(secret, [tn], `sim-delivery-${++deliveries}`),
        purchases: () => simulatorPurchases(account.id),
        stop: () => Promise.resolve(),
      };
      return Promise.resolve(run);
    },
  };
}
