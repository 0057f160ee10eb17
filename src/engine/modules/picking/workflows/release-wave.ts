import { randomUUID } from 'node:crypto';
import { AppError, type Actor, type OutputOf, type ParsedInputOf } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { assertWorksAt } from '../../../kernel/location-scope';
import { groupWaves } from '../../../core/picking/wave-grouping';
import { slotName, walkOrder } from '../../../core/picking/walk-order';
import { enqueuePrint } from '../../printing/print-jobs.store';
import { buildFloorDocument } from '../floor-documents';
import { floorChanged, floorLocation, insertWave, reservedLines, toPickCandidate, waitingToPick, type Candidate } from '../waves.store';
import { openWaves, waveDetail } from '../wave-views.store';

/** A location's pick work: open waves, the orders waiting (in priority order) and the waves they would make. */
export async function pickWork(ctx: ModuleContext, locationId: string, actor: Actor): Promise<OutputOf<'picking.work'>> {
  assertWorksAt(actor, locationId);
  const m = ctx.ds.manager;
  const location = await floorLocation(m, locationId);
  const [waves, waiting] = await Promise.all([openWaves(m, locationId), waitingToPick(m, locationId)]);
  const groups = groupWaves(waiting, { now: new Date(), carrierCutoff: location.carrierCutoff, maxOrders: 12 });
  const ranked = groups.flatMap((g) => g.orders.map((o) => toPickCandidate(o, g.cutoffAt)));
  return {
    location: { id: location.id, name: location.name, carrierCutoff: location.carrierCutoff },
    waves,
    waiting: ranked,
    suggestions: groups.map((g) => ({
      groupedBy: g.groupedBy,
      cutoffAt: g.cutoffAt?.toISOString() ?? null,
      fulfilmentOrderIds: g.orders.map((o) => o.fulfilmentOrderId),
      units: g.orders.reduce((n, o) => n + o.units, 0),
    })),
  };
}

/** Which orders a release takes: the ones named (each must be waiting here), or the first suggested wave. */
function chooseOrders(
  waiting: Candidate[],
  input: ParsedInputOf<'picking.releaseWave'>,
  carrierCutoff: string | null,
  now: Date,
): { groupedBy: string; cutoffAt: Date | null; orders: Candidate[] } {
  if (input.fulfilmentOrderIds) {
    const ids = [...new Set(input.fulfilmentOrderIds)];
    const missing = ids.filter((id) => !waiting.some((c) => c.fulfilmentOrderId === id));
    if (missing.length) {
      throw new AppError('VALIDATION_FAILED', `Not waiting to be picked at ${input.locationId}: ${missing.join(', ')}`, [
        {
          path: 'fulfilmentOrderIds',
          message: 'each must be assigned to this location, its order sourced, and in no open wave (see picking.work)',
        },
      ]);
    }
    const groups = groupWaves(
      waiting.filter((c) => ids.includes(c.fulfilmentOrderId)),
      { now, carrierCutoff, maxOrders: 100 },
    );
    const cutoffs = groups.map((g) => g.cutoffAt).filter((d): d is Date => d !== null);
    return {
      groupedBy: [...new Set(groups.map((g) => g.groupedBy))].join(' + '),
      cutoffAt: cutoffs.length ? new Date(Math.min(...cutoffs.map((d) => d.getTime()))) : null,
      orders: groups.flatMap((g) => g.orders),
    };
  }
  const first = groupWaves(waiting, { now, carrierCutoff, maxOrders: input.maxOrders })[0];
  if (!first) {
    throw new AppError('VALIDATION_FAILED', `Nothing is waiting to be picked at ${input.locationId}`, [
      { path: 'locationId', message: 'every assigned order there is in an open wave or picked already' },
    ]);
  }
  return first;
}

/**
 * Releases a wave in one transaction: its orders get slots A, B, C… in priority order, its lines are
 * each order's open reservations per SKU walked in bin order (one seq per SKU), and its pick list is
 * queued at the station's printer when `print`. Two releases racing for one fulfilment order: the
 * unique open-wave index lets one in, the other is refused and writes nothing.
 */
export async function releaseWave(
  ctx: ModuleContext,
  input: ParsedInputOf<'picking.releaseWave'>,
  actor: Actor,
): Promise<OutputOf<'picking.releaseWave'>> {
  assertWorksAt(actor, input.locationId);
  return inTransaction(ctx.ds, async (m) => {
    const location = await floorLocation(m, input.locationId);
    const waiting = await waitingToPick(m, input.locationId, input.fulfilmentOrderIds);
    const chosen = chooseOrders(waiting, input, location.carrierCutoff, new Date());
    const ids = chosen.orders.map((o) => o.fulfilmentOrderId);
    const needs = await reservedLines(m, input.locationId, ids);
    // One seq per SKU: the walk visits each bin once and sorts the units to every order that needs them.
    const skus = walkOrder([...new Map(needs.map((n) => [n.sku, { sku: n.sku, bin: n.bin }])).values()]);
    const seqOf = new Map(skus.map((s, i) => [s.sku, i + 1]));
    const id = randomUUID();
    await insertWave(m, {
      id,
      locationId: input.locationId,
      groupedBy: chosen.groupedBy,
      cutoffAt: chosen.cutoffAt,
      releasedBy: actor.name,
      orders: ids.map((fulfilmentOrderId, i) => ({ fulfilmentOrderId, slot: slotName(i) })),
      lines: needs.map((n) => ({ ...n, seq: seqOf.get(n.sku)! })),
    });
    await floorChanged(m, input.locationId, 'wave', id);
    let printJob = null;
    if (input.print) {
      const request = await buildFloorDocument(m, 'pick_list', { waveId: id }, 'es');
      printJob = await enqueuePrint(m, { ...request, stationId: input.stationId ?? ctx.config.stationId }, actor);
    }
    return { wave: await waveDetail(m, id), printJob };
  });
}
