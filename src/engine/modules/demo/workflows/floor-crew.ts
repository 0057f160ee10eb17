import type { Actor } from '../../../../shared';
import { AppError } from '../../../../shared';
import type { ModuleContext } from '../../../kernel/context';
import { sourcingLocations } from '../../locations/location-cache';
import { pickedPartLocations } from '../../picking/parcels.store';
import { waitingToPick } from '../../picking/waves.store';

/** The demo's floor crew acts as a supervisor would, through the endpoints (audited under this name). */
export const FLOOR_CREW: Actor = { id: 'demo-floor-crew', name: 'Equipo de depósito (demo)', role: 'supervisor' };

/** How often the crew looks for work, and how many locations' waves it works per round. */
export const FLOOR_CREW_EVERY_MS = 10_000;
const LOCATIONS_PER_ROUND = 3;

/**
 * The demo's floor crew: while the order simulator runs, each round it takes the locations with the
 * most orders waiting to be picked, releases each one's first suggested wave, scans every unit,
 * completes the wave and packs each order it finished (one parcel, weights from the product master)
 * — exactly what people do in the Floor view, through the same endpoints. Packing hands the parcels
 * to the carriers (rate shop, label, the simulator's tracking), so a demo shows orders going all the
 * way to delivered. A step that is refused (someone else got there first) is left for the next round.
 */
export function startFloorCrew(ctx: ModuleContext, everyMs = FLOOR_CREW_EVERY_MS): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = async () => {
    const act = ctx.act;
    if (!act) return;
    const locations = (await sourcingLocations(ctx)).filter((l) => l.active);
    const waiting = await Promise.all(locations.map(async (l) => ({ id: l.id, n: (await waitingToPick(ctx.ds.manager, l.id)).length })));
    const busiest = waiting
      .filter((w) => w.n > 0)
      .sort((a, b) => b.n - a.n || a.id.localeCompare(b.id))
      .slice(0, LOCATIONS_PER_ROUND);
    for (const { id: locationId } of busiest) {
      if (stopped) return;
      try {
        await workOneWave(act, locationId, ctx);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        ctx.log.info(`demo floor crew at ${locationId}: ${e.message}`);
      }
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = round()
      .catch((err: unknown) => ctx.log.warn({ err }, 'demo floor crew round failed'))
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

async function workOneWave(act: NonNullable<ModuleContext['act']>, locationId: string, ctx: ModuleContext): Promise<void> {
  const { wave } = await act('picking.releaseWave', { locationId }, FLOOR_CREW);
  for (const line of wave.lines) {
    for (let i = line.picked; i < line.quantity; i++) await act('picking.scan', { waveId: wave.id, code: line.sku }, FLOOR_CREW);
  }
  const done = await act('picking.completeWave', { waveId: wave.id }, FLOOR_CREW);
  for (const o of done.orders) {
    // An order split across locations is packed where each part was picked, once every part is.
    for (const at of await pickedPartLocations(ctx.ds.manager, o.orderId)) {
      try {
        await act('packing.pack', { orderId: o.orderId, locationId: at, parcels: [{}] }, FLOOR_CREW);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
      }
    }
  }
}
