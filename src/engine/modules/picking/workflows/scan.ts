import { AppError, type Actor, type OutputOf, type ParsedInputOf } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { assertWorksAt } from '../../../kernel/location-scope';
import { distributeScan } from '../../../core/picking/walk-order';
import { productByCode } from '../../products/products.store';
import { addPicked, floorChanged } from '../waves.store';
import { waveDetail } from '../wave-views.store';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * A scan during the walk (SKU or EAN, as a keyboard-wedge scanner types it). The wave row is locked,
 * so scans of one wave count one after another; the units go to the orders still missing them in
 * slot order, each update guarded in SQL (never over what the order needs). A code that is not on
 * the wave, or more units than it still needs, is refused with SCAN_MISMATCH and changes nothing.
 */
export async function scan(ctx: ModuleContext, input: ParsedInputOf<'picking.scan'>, actor: Actor): Promise<OutputOf<'picking.scan'>> {
  return inTransaction(ctx.ds, async (m) => {
    const wave = await waveDetail(m, input.waveId, true);
    assertWorksAt(actor, wave.locationId, 'waveId');
    if (wave.status !== 'released') {
      throw new AppError('ILLEGAL_TRANSITION', `Wave ${wave.code} is ${wave.status}: scan items of a released wave`);
    }
    const product = await productByCode(m, input.code);
    const byEan = product !== null && product.sku !== input.code;
    const line = product ? wave.lines.find((l) => l.sku === product.sku) : undefined;
    if (!product || !line) {
      const what = !product
        ? `${input.code} is not a known SKU or EAN`
        : `${byEan ? `EAN ${input.code}` : `SKU ${product.sku}`} (${product.name}) is not on wave ${wave.code}`;
      throw new AppError('SCAN_MISMATCH', !product ? `${what}; it is not on wave ${wave.code}` : what, [
        { path: 'code', message: 'put the item back: scan an item of the pick list' },
      ]);
    }
    const split = distributeScan(line.orders, input.quantity);
    if (!split) {
      const left = line.quantity - line.picked;
      throw new AppError(
        'SCAN_MISMATCH',
        left === 0
          ? `all ${plural(line.quantity, 'unit')} of ${line.sku} are picked already`
          : `only ${plural(left, 'unit')} of ${line.sku} left to pick on wave ${wave.code}; you scanned ${input.quantity}`,
        [{ path: 'quantity', message: `at most ${left}` }],
      );
    }
    for (const s of split) {
      if (!(await addPicked(m, wave.id, s.order.fulfilmentOrderId, line.sku, s.take))) {
        throw new AppError('SCAN_MISMATCH', `all ${plural(line.quantity, 'unit')} of ${line.sku} are picked already`);
      }
    }
    await floorChanged(m, wave.locationId, 'wave', wave.id);
    const scanned = split.reduce((n, s) => n + s.take, 0);
    return {
      sku: line.sku,
      seq: line.seq,
      sortTo: split.map((s) => ({ slot: s.order.slot, orderNumber: s.order.orderNumber, quantity: s.take })),
      linePicked: line.picked + scanned,
      lineQuantity: line.quantity,
      wavePicked: wave.picked + scanned,
      waveUnits: wave.units,
    };
  });
}
