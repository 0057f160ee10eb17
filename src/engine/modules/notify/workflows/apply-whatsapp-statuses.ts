import { failureText, type WhatsAppStatusUpdate } from '../../../adapters/notify/whatsapp-webhook';
import type { ModuleContext } from '../../../kernel/context';
import { applyDeliveryReceipts, type DeliveryReceipt } from '../delivery-receipts.store';

/** What one webhook's statuses did. */
export interface StatusesApplied {
  /** Statuses in the webhook that Atalaya acts on (delivered, read, failed). */
  statuses: number;
  /** Messages that moved. */
  applied: number;
  /** Statuses that change nothing: `sent` (Atalaya records a message sent when Meta accepts it), repeats, late or unknown ones. */
  ignored: number;
  /** Statuses of messages whose send is not recorded yet: the webhook should come again. */
  pending: number;
}

/** How many ids a log line lists. */
const LOGGED = 10;

/** A status as a receipt for the store, in the words the delivery log shows; null for `sent` (a no-op). */
export function receiptOf(s: WhatsAppStatusUpdate): DeliveryReceipt | null {
  if (s.status === 'sent') return null;
  const when = s.at.toISOString();
  const to = s.recipientId ? ` to ${s.recipientId}` : '';
  if (s.status === 'failed') {
    const words = failureText(s.errors);
    return {
      providerId: s.wamid,
      key: s.callbackData,
      outcome: 'failed',
      at: s.at,
      reason: `WhatsApp could not deliver it: ${words}`.slice(0, 1000),
      reply: `WhatsApp failed ${when}${to}: ${words}`.slice(0, 1000),
    };
  }
  // Read implies delivered: Meta skips the delivered status of a message read while its chat is open.
  return {
    providerId: s.wamid,
    key: s.callbackData,
    outcome: 'delivered',
    at: s.at,
    reason: null,
    reply: `WhatsApp ${s.status} ${when}${to}`,
  };
}

/**
 * Applies the statuses of one verified WhatsApp webhook to the messages they name, in one
 * statement (delivery-receipts.store.ts says what moves). Statuses of messages Atalaya does not
 * know — sent by another system on the same WhatsApp Business Account, or by a send since
 * replaced — are ignored and logged.
 */
export async function applyWhatsAppStatuses(
  ctx: Pick<ModuleContext, 'ds' | 'log'>,
  statuses: readonly WhatsAppStatusUpdate[],
): Promise<StatusesApplied> {
  const receipts = statuses.map(receiptOf).filter((r): r is DeliveryReceipt => r !== null);
  const r = await applyDeliveryReceipts(ctx.ds.manager, 'whatsapp', receipts);
  if (r.unknown.length)
    ctx.log.info(
      { wamids: r.unknown.slice(0, LOGGED), count: r.unknown.length },
      'WhatsApp statuses of messages Atalaya has no record of were ignored',
    );
  if (r.stale.length)
    ctx.log.info(
      { wamids: r.stale.slice(0, LOGGED), count: r.stale.length },
      'WhatsApp statuses of an earlier send of messages sent again since were ignored',
    );
  if (r.applied) ctx.log.debug?.({ applied: r.applied }, 'WhatsApp statuses applied');
  return {
    statuses: receipts.length,
    applied: r.applied,
    ignored: statuses.length - r.applied - r.pending.length,
    pending: r.pending.length,
  };
}
