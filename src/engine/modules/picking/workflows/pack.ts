import { randomUUID } from 'node:crypto';
import { AppError, actsOnLocation, type Actor, type OutputOf, type ParsedInputOf, type PrintJob } from '../../../../shared';
import { inTransaction, type Tx } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { assertWorksAt } from '../../../kernel/location-scope';
import { getOrder, lockOrder, recordOrderEvent } from '../../orders/order.store';
import { transitionOrderIn } from '../../orders/transition-order';
import { enqueuePrint } from '../../printing/print-jobs.store';
import { productsBySku } from '../../products/products.store';
import { nudgeLabels, planShipments } from '../../shipping/plan-shipments';
import { buildFloorDocument } from '../floor-documents';
import { floorChanged } from '../waves.store';
import { moveFulfilmentsAt } from '../../sourcing/fulfilment.store';
import { insertParcels, orderParcels, pickedPartLocations, pickedUnitsAt, type NewParcel } from '../parcels.store';

type PackInput = ParsedInputOf<'packing.pack'>;
type ParcelInput = PackInput['parcels'][number];
const plural = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;
const were = (n: number) => `${plural(n)} ${n === 1 ? 'was' : 'were'} picked`;

/** The parcels' lines, checked against what was picked: every unit in exactly one parcel, nothing else. */
export function parcelLines(
  parcels: readonly ParcelInput[],
  picked: readonly { sku: string; quantity: number }[],
  orderNumber: number,
): { sku: string; quantity: number }[][] {
  if (parcels.length === 1 && !parcels[0]!.lines) return [picked.map((p) => ({ ...p }))];
  const lines = parcels.map((p, i) => {
    if (!p.lines) {
      throw new AppError('VALIDATION_FAILED', `Parcel ${i + 1} lists no lines: with more than one parcel, say what goes in each`, [
        { path: `parcels.${i}.lines`, message: 'list the SKUs and units in this parcel' },
      ]);
    }
    return p.lines;
  });
  const inParcels = new Map<string, number>();
  for (const l of lines.flat()) inParcels.set(l.sku, (inParcels.get(l.sku) ?? 0) + l.quantity);
  const problems: string[] = [];
  for (const [sku, n] of inParcels) {
    if (!picked.some((p) => p.sku === sku))
      problems.push(`SKU ${sku} was not picked here for order #${orderNumber} (${plural(n)} in the parcels)`);
  }
  for (const p of picked) {
    const n = inParcels.get(p.sku) ?? 0;
    if (n < p.quantity) problems.push(`SKU ${p.sku}: the parcels hold ${plural(n)}, ${were(p.quantity)} (${p.quantity - n} missing)`);
    if (n > p.quantity) problems.push(`SKU ${p.sku}: the parcels hold ${plural(n)}, only ${were(p.quantity)} (${n - p.quantity} too many)`);
  }
  if (problems.length) {
    throw new AppError('VALIDATION_FAILED', `The parcels do not add up to what was picked: ${problems.join('; ')}`, [
      { path: 'parcels', message: 'put every unit picked here in exactly one parcel' },
    ]);
  }
  return lines;
}

/** Where the pack happens: the location named, else the one place the order has picked parts (an associate's own first). */
function packLocation(input: PackInput, at: string[], orderNumber: number, actor: Actor): string {
  if (input.locationId) return input.locationId;
  const mine = at.filter((l) => actsOnLocation(actor, l));
  const pool = mine.length ? mine : at;
  if (pool.length === 1) return pool[0]!;
  throw new AppError('VALIDATION_FAILED', `Order #${orderNumber} was picked at ${at.join(', ')}: say where you pack it`, [
    { path: 'locationId', message: `one of ${at.join(', ')}` },
  ]);
}

/**
 * Packs what a picked order has at one location into parcels, in one transaction: the parcels'
 * lines must add up to the units picked there; a weight left out is the product master's weights of
 * the units in it; parcels are `ready_to_ship` (the carrier takes them from here). When no other
 * location still has parts of the order to pack, the order moves to packed (transitionOrder, same
 * transaction). The packing slip prints, and for home delivery one label per parcel, when `print`.
 * With a carrier account enabled, home-delivery parcels become shipments (shipping's planShipments,
 * same transaction): the carrier's label prints when the label worker buys it, so packing prints
 * only the slip, and nudges the worker once this commits.
 */
export async function pack(ctx: ModuleContext, input: PackInput, actor: Actor): Promise<OutputOf<'packing.pack'>> {
  let planned = false;
  const out = await inTransaction(ctx.ds, async (m) => {
    const head = await lockOrder(m, input.orderId);
    if (!head)
      throw new AppError('NOT_FOUND', `No order with id ${input.orderId}`, [{ path: 'orderId', message: 'use the id of an order' }]);
    if (head.status !== 'picked') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `Order #${head.number} is ${head.status}: only a picked order (every part of it) can be packed`,
      );
    }
    const at = await pickedPartLocations(m, input.orderId);
    const locationId = packLocation(input, at, head.number, actor);
    assertWorksAt(actor, locationId);
    const picked = await pickedUnitsAt(m, input.orderId, locationId);
    if (!picked.length) {
      throw new AppError('VALIDATION_FAILED', `Order #${head.number} has nothing picked at ${locationId} waiting to be packed`, [
        { path: 'locationId', message: at.length ? `its picked parts are at ${at.join(', ')}` : 'it is packed already' },
      ]);
    }
    const lines = parcelLines(input.parcels, picked, head.number);
    const master = await productsBySku(
      m,
      picked.map((p) => p.sku),
    );
    const parcels: NewParcel[] = input.parcels.map((p, i) => ({
      id: randomUUID(),
      weightGrams: p.weightGrams ?? lines[i]!.reduce((g, l) => g + (master.get(l.sku)?.weightGrams ?? 0) * l.quantity, 0),
      lengthMm: p.lengthMm ?? null,
      widthMm: p.widthMm ?? null,
      heightMm: p.heightMm ?? null,
      lines: lines[i]!,
    }));
    await insertParcels(m, { orderId: input.orderId, orderNumber: head.number, locationId, packedBy: actor.name, parcels });
    if (at.length === 1) {
      await transitionOrderIn(m, input.orderId, 'packed', actor);
    } else {
      await moveFulfilmentsAt(m, input.orderId, locationId, 'packed');
      await recordOrderEvent(m, {
        orderId: input.orderId,
        type: 'order.part_packed',
        actor,
        data: { locationId, parcels: parcels.length },
      });
    }
    await floorChanged(m, locationId, 'pack', input.orderId);
    const all = await orderParcels(m, input.orderId);
    const mine = all.filter((p) => parcels.some((x) => x.id === p.id));
    planned = await planShipments(m, {
      orderId: input.orderId,
      locationId,
      parcelIds: mine.map((p) => p.id),
      stationId: input.stationId ?? ctx.config.stationId,
      actor,
    });
    const printJobs = input.print
      ? await printPack(
          m,
          ctx,
          input,
          mine.map((p) => p.id),
          actor,
          !planned,
        )
      : [];
    return { order: (await getOrder(m, input.orderId))!, parcels: mine, printJobs };
  });
  if (planned) nudgeLabels(ctx, input.orderId);
  return out;
}

/** The slip, and our own label per parcel unless a carrier's label will print (`ownLabels` false). */
async function printPack(
  m: Tx,
  ctx: ModuleContext,
  input: PackInput,
  parcelIds: string[],
  actor: Actor,
  ownLabels: boolean,
): Promise<PrintJob[]> {
  const stationId = input.stationId ?? ctx.config.stationId;
  const slip = await buildFloorDocument(m, 'packing_slip', { orderId: input.orderId }, 'es');
  const jobs = [await enqueuePrint(m, { ...slip, stationId }, actor)];
  if (ownLabels && slip.model.kind === 'packing_slip' && slip.model.deliveryType === 'home_delivery') {
    for (const parcelId of parcelIds) {
      const label = await buildFloorDocument(m, 'shipping_label', { parcelId }, 'es');
      jobs.push(await enqueuePrint(m, { ...label, stationId }, actor));
    }
  }
  return jobs;
}
