import { AppError, type Actor, type InspectLine, type ReceiptOutcome, type Return } from '../../../../shared';
import { checkReceipt, inspectionVerdicts } from '../../../core/returns/return-items';
import { inTransaction, type Tx } from '../../../db/data-source';
import { assertWorksAt } from '../../../kernel/location-scope';
import type { ModuleContext, WorkflowDeps } from '../../../kernel/context';
import { recordOrderEvent } from '../../orders/order.store';
import { makeWhole, orderExchange } from './make-whole';
import { locationNameOf, readReturnSettings } from '../return-facts.store';
import { disposeLines, receiveLines } from '../return-stock.store';
import { lockReturns, moveReturn, readReturn } from '../returns.store';

async function locked(m: Tx, id: string): Promise<Return> {
  const statuses = await lockReturns(m, [id]);
  const r = statuses.size ? await readReturn(m, { id }) : null;
  if (!r) throw new AppError('NOT_FOUND', `No return with id ${id}`);
  return r;
}

function badLines(r: Return, lineNos: readonly number[]): void {
  const unknown = lineNos.filter((n) => !r.lines.some((l) => l.lineNo === n));
  if (unknown.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `return R-${r.number} has no line ${unknown.join(', ')}`,
      unknown.map((n) => ({
        path: 'lines',
        message: `line ${n} is not on return R-${r.number}: its lines are ${r.lines.map((l) => l.lineNo).join(', ')}`,
      })),
    );
}

/**
 * Receives a return at a location by its lines (scanned at the counter or the dock): per line
 * received, missing, a wrong item or short (with the units that came). The units go to the
 * location's returns stock, not to sellable stock. A refund gated at receipt is issued now.
 */
export async function receiveReturn(
  ctx: Pick<ModuleContext, 'ds'>,
  input: { id: string; locationId: string; lines: { lineNo: number; outcome: ReceiptOutcome; quantity: number }[] },
  actor: Actor,
): Promise<Return> {
  assertWorksAt(actor, input.locationId);
  return inTransaction(ctx.ds, async (m) => {
    const r = await locked(m, input.id);
    if (r.status !== 'approved' && r.status !== 'in_transit')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `return R-${r.number} is ${r.status}: only an approved return (or one on its way) is received`,
      );
    badLines(
      r,
      input.lines.map((l) => l.lineNo),
    );
    checkReceipt(r.number, r.lines, input.lines);
    await receiveLines(m, r.id, input.locationId, input.lines, actor);
    await moveReturn(m, r.id, 'received', actor, {
      type: 'return.received',
      data: { locationId: input.locationId, lines: input.lines },
      set: { locationId: input.locationId },
    });
    await recordOrderEvent(m, {
      orderId: r.orderId,
      type: 'return.received',
      actor,
      // The customer is told where it arrived (return.received).
      data: {
        returnId: r.id,
        returnNumber: r.number,
        locationId: input.locationId,
        locationName: await locationNameOf(m, input.locationId),
      },
    });
    const settings = await readReturnSettings(m);
    if (settings.refundGate !== 'inspection') await makeWhole(m, (await readReturn(m, { id: r.id }))!, actor);
    return (await readReturn(m, { id: r.id }))!;
  });
}

/**
 * Inspects a received return: a disposition per received line, and each item accepted or rejected
 * (with the reason; a wrong item always rejected) along the item lifecycle. Restocked units move from the
 * returns stock to sellable stock (ATP rises); the others leave it as refurbished, written off or
 * sent back to the vendor. Once every received line has one the return is inspected, refunded
 * (when gated at inspection) and closed.
 */
export async function inspectReturn(ctx: WorkflowDeps, input: { id: string; lines: InspectLine[] }, actor: Actor): Promise<Return> {
  const done = await inTransaction(ctx.ds, async (m) => {
    const r = await locked(m, input.id);
    if (r.status !== 'received')
      throw new AppError('ILLEGAL_TRANSITION', `return R-${r.number} is ${r.status}: only a received return is inspected`);
    if (!r.locationId) throw new AppError('ILLEGAL_TRANSITION', `return R-${r.number} has no receiving location`);
    assertWorksAt(actor, r.locationId);
    badLines(
      r,
      input.lines.map((l) => l.lineNo),
    );
    await disposeLines(m, r.id, r.locationId, inspectionVerdicts(r.number, r.lines, input.lines), actor);
    const now = (await readReturn(m, { id: r.id }))!;
    // Every line that brought something back needs a disposition; a missing one (nothing came) needs none.
    if (now.lines.some((l) => l.receiptOutcome && l.received > 0 && !l.disposition)) return now;
    await moveReturn(m, r.id, 'inspected', actor, {
      type: 'return.inspected',
      data: { lines: now.lines.map((l) => ({ sku: l.sku, disposition: l.disposition })) },
    });
    // `now` already holds what the refund reads (lines, resolution, refund state): moving to inspected changed none of it.
    await makeWhole(m, now, actor);
    await moveReturn(m, r.id, 'closed', actor, { type: 'return.closed' });
    await recordOrderEvent(m, { orderId: r.orderId, type: 'return.closed', actor, data: { returnId: r.id, returnNumber: r.number } });
    return (await readReturn(m, { id: r.id }))!;
  });
  // An exchange is a new order, taken in once the return has closed.
  if (done.status === 'closed' && done.resolution === 'exchange') await orderExchange(ctx, done.id, actor);
  return done;
}

/** Withdraws a return not yet received. */
export async function cancelReturn(ctx: Pick<ModuleContext, 'ds'>, input: { id: string; reason: string }, actor: Actor): Promise<Return> {
  return inTransaction(ctx.ds, async (m) => {
    const r = await locked(m, input.id);
    if (!(await moveReturn(m, r.id, 'cancelled', actor, { type: 'return.cancelled', reason: input.reason })))
      throw new AppError('ILLEGAL_TRANSITION', `return R-${r.number} is ${r.status}: only a return not yet received can be cancelled`);
    await recordOrderEvent(m, {
      orderId: r.orderId,
      type: 'return.cancelled',
      actor,
      reason: input.reason,
      data: { returnId: r.id, returnNumber: r.number },
    });
    return (await readReturn(m, { id: r.id }))!;
  });
}
