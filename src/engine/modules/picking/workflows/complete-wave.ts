import { AppError, type Actor, type OutputOf } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { assertWorksAt } from '../../../kernel/location-scope';
import { reportPick } from '../../floor/report-pick';
import { openParts } from '../../sourcing/backorder.store';
import { closeWaveOrder, endWave, floorChanged } from '../waves.store';
import { openWaveOrders, waveHead } from '../wave-views.store';

type Outcome = OutputOf<'picking.completeWave'>['orders'][number];

/**
 * Ends a wave's walk: each order still open in it is reported with the units scanned for it through
 * the floor's pick report (full → picked; short → the short-pick flow: the remainder re-sourced,
 * backordered or the order sent back, as for a report by hand), then leaves the wave; then the wave
 * is completed. Each report is its own transaction, so a crash half-way leaves the wave released:
 * running this again skips the orders already reported (their part is no longer waiting).
 */
export async function completeWave(ctx: ModuleContext, waveId: string, actor: Actor): Promise<OutputOf<'picking.completeWave'>> {
  const head = await waveHead(ctx.ds.manager, waveId);
  assertWorksAt(actor, head.locationId, 'waveId');
  if (head.status !== 'released') throw new AppError('ILLEGAL_TRANSITION', `Wave ${head.code} is ${head.status} already`);
  const outcomes: Outcome[] = [];
  for (const o of await openWaveOrders(ctx.ds.manager, head.id)) {
    const part = (await openParts(ctx.ds.manager, o.orderId)).find((p) => p.id === o.fulfilmentOrderId);
    if (o.foStatus !== 'assigned' || !part || part.status !== 'assigned') {
      // Reported before a crash, by hand, or the order left the floor (cancelled, sent elsewhere).
      await closeWaveOrder(ctx.ds.manager, head.id, o.fulfilmentOrderId);
      outcomes.push({
        orderId: o.orderId,
        orderNumber: o.orderNumber,
        outcome: o.foStatus === 'picked' ? 'already_reported' : 'skipped',
        shortfall: [],
      });
      continue;
    }
    // Report what the part holds now (a channel may have changed the order since the release), with what was scanned for it.
    const scanned = new Map(o.picked.map((p) => [p.sku, p.quantity]));
    const picked = part.lines.map((l) => ({ sku: l.sku, quantity: Math.min(l.quantity, scanned.get(l.sku) ?? 0) }));
    const result = await reportPick(ctx, { orderId: o.orderId, locationId: head.locationId, picked }, actor);
    await closeWaveOrder(ctx.ds.manager, head.id, o.fulfilmentOrderId);
    outcomes.push({ orderId: o.orderId, orderNumber: o.orderNumber, outcome: result.outcome, shortfall: result.shortfall });
  }
  await inTransaction(ctx.ds, async (m) => {
    await endWave(m, head.id, 'completed');
    await floorChanged(m, head.locationId, 'wave', head.id);
  });
  return { wave: await waveHead(ctx.ds.manager, head.id), orders: outcomes };
}

/** Gives a released wave up: its orders leave it and wait to be picked again (scans are forgotten; nothing moved in stock). */
export async function cancelWave(ctx: ModuleContext, waveId: string, actor: Actor): Promise<OutputOf<'picking.cancelWave'>> {
  return inTransaction(ctx.ds, async (m) => {
    const head = await waveHead(m, waveId, true);
    assertWorksAt(actor, head.locationId, 'waveId');
    if (!(await endWave(m, head.id, 'cancelled'))) throw new AppError('ILLEGAL_TRANSITION', `Wave ${head.code} is ${head.status} already`);
    await floorChanged(m, head.locationId, 'wave', head.id);
    return waveHead(m, head.id);
  });
}
