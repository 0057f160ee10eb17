import type { Actor, OrderInput, Return } from '../../../../shared';
import { inTransaction, type Tx } from '../../../db/data-source';
import type { WorkflowDeps } from '../../../kernel/context';
import { recordOrderEvent } from '../../orders/order.store';
import { intakeOrder } from '../../orders/intake-order';
import { readReturn, recordReturnEvent } from '../returns.store';
import { adapterFor } from '../../../adapters/channels/registry';
import { queueChannelRefund } from './channel-refunds';

/** The units of a return that came back (received or short, not a wrong item) and were not rejected at inspection, per line. */
const cameBack = (r: Return) =>
  r.lines.filter((l) => l.receiptOutcome && l.receiptOutcome !== 'wrong_item' && l.received > 0 && l.acceptance !== 'rejected');

/** What is refunded: at the carrier's first scan, the units asked back (and approved); else those that came back and were accepted. */
const refundable = (r: Return, atFirstScan: boolean) =>
  atFirstScan
    ? r.lines.filter((l) => l.verdict !== 'reject').map((l) => ({ units: l.quantity, price: l.unitPrice }))
    : cameBack(r).map((l) => ({ units: l.received, price: l.unitPrice }));

/**
 * Makes the customer whole for the units that came back — or, at the carrier's first scan, for those
 * on their way back — once (at the settings' gate): a refund
 * (told to the customer: refund.issued) or store credit, recorded on the return and the order's
 * timeline. An exchange is ordered after the return closes ({@link orderExchange}).
 */
export async function makeWhole(m: Tx, r: Return, actor: Actor, opts: { atFirstScan?: boolean } = {}): Promise<void> {
  if (r.refundedAt || r.resolution === 'exchange') return;
  const amount = Math.round(refundable(r, !!opts.atFirstScan).reduce((sum, l) => sum + l.units * l.price, 0) * 100) / 100;
  await m.query(`UPDATE returns SET refunded_amount = $2, refunded_at = now(), updated_at = now() WHERE id = $1 AND refunded_at IS NULL`, [
    r.id,
    amount,
  ]);
  // Nothing that came back was accepted (all missing, wrong or rejected): nothing to pay or tell, but the gate has passed.
  if (amount === 0)
    return recordReturnEvent(m, r.id, actor, 'refund.nothing', 'nothing that came back was accepted', { amount, currency: r.currency });
  const type = r.resolution === 'refund' ? 'refund.issued' : 'store_credit.issued';
  await recordReturnEvent(m, r.id, actor, type, null, { amount, currency: r.currency });
  // A refund also goes back through the order's channel (its payment) when the channel can do it.
  if (r.resolution === 'refund') await queueChannelRefund(m, r.id, (kind) => !!adapterFor(kind as never)?.refund);
  await recordOrderEvent(m, {
    orderId: r.orderId,
    type,
    actor,
    data: { returnId: r.id, returnNumber: r.number, refundAmount: amount, refundCurrency: r.currency },
  });
}

/**
 * The exchange of a closed return: a new order of the same SKUs and units that came back, at no
 * charge, to the same customer and address, sourced as any order. Its external id is the return's
 * (EXCH-R-<n>), so doing it again never orders twice; the return's history names the order.
 */
export async function orderExchange(deps: WorkflowDeps, returnId: string, actor: Actor): Promise<void> {
  const r = await readReturn(deps.ds.manager, { id: returnId });
  if (!r || r.resolution !== 'exchange' || r.status !== 'closed') return;
  const lines = cameBack(r).map((l) => ({ sku: l.sku, quantity: l.received, unitPrice: 0 }));
  if (!lines.length) return;
  const rows: { raw: OrderInput; currency: string }[] = await deps.ds.manager.query(`SELECT raw, currency FROM orders WHERE id = $1`, [
    r.orderId,
  ]);
  const original = rows[0]!.raw;
  try {
    const { order } = await intakeOrder(
      deps,
      {
        channel: 'call_center',
        externalId: `EXCH-R-${r.number}`,
        customer: original.customer,
        shipTo: original.shipTo,
        currency: rows[0]!.currency.trim(),
        lines,
        notes: `Cambio de la devolución R-${r.number} (pedido #${r.orderNumber})`,
      },
      undefined,
      actor,
    );
    await inTransaction(deps.ds, (m) =>
      recordReturnEvent(m, r.id, actor, 'exchange.ordered', null, { orderId: order.id, orderNumber: order.number }),
    );
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    await inTransaction(deps.ds, (m) => recordReturnEvent(m, r.id, actor, 'exchange.failed', reason.slice(0, 500)));
    deps.log.warn({ err: e, returnId: r.id }, 'returns: the exchange order could not be made');
  }
}
