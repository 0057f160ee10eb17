import { CHANNELS, type OrderInput } from '../../../../shared';
import { demoShopper } from '../demo-customers';
import { createRng } from '../../../core/rng';
import { skuPopularity } from '../demo-demand';
import type { Actor } from '../../../../shared';
import type { WorkflowDeps } from '../../../kernel/context';
import { sourcingLocations } from '../../locations/location-cache';
import { catalogPrices } from '../seed.store';
import { intakeOrder } from '../../orders/intake-order';

const SIMULATOR: Actor = { id: 'simulator', name: 'Simulador de pedidos', role: 'integrator' };
const SIM_CHANNELS: OrderInput['channel'][] = ['web', 'shopify', 'vtex', 'mercadolibre', 'social', 'endless_aisle', 'call_center'];

/**
 * A stream of realistic demo orders through the real intake path, so the tower is alive in a demo.
 * The rate is orders per minute; 0 stops it.
 */
export function startOrderSimulator(
  deps: WorkflowDeps,
  initialPerMinute: number,
): { rate(): number; setRate(perMinute: number): void; stop(): Promise<void> } {
  const rng = createRng(Date.now() >>> 0);
  let perMinute = 0;
  let timer: NodeJS.Timeout | undefined;
  let skus: { sku: string; price: number }[] | undefined;
  /** Running totals of SKU popularity, for a binary-search draw (3,000 SKUs, many draws a second). */
  let cumulative: number[] = [];
  let carry = 0;
  let seq = 0;
  /** Ticks under way (a slow one may overlap the next): stopping waits for them. */
  const inFlight = new Set<Promise<void>>();

  const pickSku = () => {
    const r = rng() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return skus![lo]!;
  };

  const tick = async () => {
    carry += perMinute / 60;
    const n = Math.floor(carry);
    carry -= n;
    if (n === 0) return;
    if (!skus) {
      skus = await catalogPrices(deps.ds);
      let acc = 0;
      cumulative = skus.map((_, i) => (acc += skuPopularity(i)));
    }
    if (skus.length === 0) return;
    // demoShopper places no shoppers at DCs (it reads each place's kind).
    const locations = (await sourcingLocations(deps)).filter((l) => l.active).map((l) => ({ ...l, weight: l.dailyCapacity }));
    for (let i = 0; i < n && perMinute > 0; i++) {
      const { customer, shipTo } = demoShopper(rng, locations);
      const lineCount = 1 + Math.floor(rng() ** 2 * 3);
      const chosen = new Map<string, { sku: string; price: number }>();
      while (chosen.size < lineCount) {
        const p = pickSku();
        chosen.set(p.sku, p);
      }
      const order: OrderInput = {
        channel: SIM_CHANNELS[Math.floor(rng() * SIM_CHANNELS.length)] ?? CHANNELS[0],
        externalId: `SIM-${Date.now().toString(36)}-${(seq++).toString(36)}`,
        customer,
        shipTo,
        currency: 'ARS',
        lines: [...chosen.values()].map((p) => ({ sku: p.sku, quantity: rng() < 0.85 ? 1 : 2, unitPrice: p.price })),
      };
      await intakeOrder(deps, order, undefined, SIMULATOR).catch((err) => deps.log.warn({ err }, 'simulated order failed'));
    }
  };

  const setRate = (r: number) => {
    perMinute = Math.max(0, Math.min(6000, r));
    if (perMinute > 0 && !timer) {
      timer = setInterval(() => {
        const t = tick()
          .catch((err: unknown) => deps.log.warn({ err }, 'order simulator tick failed'))
          .finally(() => inFlight.delete(t));
        inFlight.add(t);
      }, 1000);
      timer.unref();
    } else if (perMinute === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  setRate(initialPerMinute);
  const stop = async () => {
    setRate(0); // the loop of a tick under way ends after its current order
    await Promise.all(inFlight);
  };
  return { rate: () => perMinute, setRate, stop };
}
