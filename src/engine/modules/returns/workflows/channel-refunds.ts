import type { Actor } from '../../../../shared';
import { ChannelTransientError } from '../../../adapters/channels/http-client';
import { inTransaction, type Tx } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { ChannelPayloadError } from '../../../ports/channel.port';
import { refundThroughChannel } from '../../channels/channel-refund';
import { recordReturnEvent } from '../returns.store';

/** Tries before a channel refund is left failed for a person: 1 min, doubling, at most 6 h between. */
const MAX_ATTEMPTS = 10;
const retryMs = (attempt: number) => Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 6 * 3_600_000);

/**
 * Marks a refunded return's refund to be pushed to its order's channel, when the order came
 * through a configured channel whose kind can refund (Shopify): the push happens after the commit,
 * by {@link pushChannelRefunds}, never inside the return's transaction.
 */
export async function queueChannelRefund(m: Tx, returnId: string, canRefund: (kind: string) => boolean): Promise<void> {
  const rows: { kind: string | null }[] = await m.query(
    `SELECT c.kind FROM returns r JOIN orders o ON o.id = r.order_id LEFT JOIN channels c ON c.id = o.channel_id WHERE r.id = $1`,
    [returnId],
  );
  const kind = rows[0]?.kind;
  if (!kind || !canRefund(kind)) return;
  await m.query(
    `UPDATE returns SET channel_refund_status = 'pending', channel_refund_next_at = now() WHERE id = $1 AND channel_refund_status IS NULL`,
    [returnId],
  );
}

/**
 * Pushes the pending channel refunds due: each is claimed (a lease, so two nodes never push one at
 * once), sent through its channel's adapter (retry-safe by the return's code) and recorded — done
 * with the channel's refund id, tried again later on a transient failure, failed with the reason
 * on a refusal or after the last try. Each outcome is a line in the return's history. Answers how many were tried.
 */
export async function pushChannelRefunds(
  ctx: Pick<ModuleContext, 'ds' | 'bus' | 'config' | 'log'>,
  actor: Actor,
  limit = 20,
): Promise<number> {
  const due: {
    id: string;
    number: string;
    channel_id: string;
    external_id: string;
    currency: string;
    refunded_amount: string;
    attempts: number;
    lines: { sku: string; quantity: number }[];
  }[] = await inTransaction(ctx.ds, (m) =>
    m.query(
      `WITH due AS (
         SELECT id FROM returns WHERE channel_refund_status = 'pending' AND channel_refund_next_at <= now()
         ORDER BY channel_refund_next_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE returns r SET channel_refund_next_at = now() + interval '5 minutes', channel_refund_attempts = r.channel_refund_attempts + 1
         FROM due WHERE r.id = due.id RETURNING r.id, r.number, r.order_id, r.refunded_amount, r.channel_refund_attempts)
       SELECT c.id, c.number, o.channel_id, o.external_id, o.currency, c.refunded_amount, c.channel_refund_attempts AS attempts,
         (SELECT coalesce(jsonb_agg(jsonb_build_object('sku', l.sku, 'quantity', l.received)), '[]') FROM return_lines l
           WHERE l.return_id = c.id AND l.received > 0 AND l.receipt_outcome <> 'wrong_item') AS lines
       FROM claimed c JOIN orders o ON o.id = c.order_id`,
      [limit],
    ),
  );
  for (const d of due) {
    const code = `R-${d.number}`;
    let outcome: { status: 'done' | 'pending' | 'failed'; refundId?: string; reply: string; nextInMs?: number };
    try {
      const receipt = await refundThroughChannel(ctx, d.channel_id, {
        externalOrderId: d.external_id,
        lines: d.lines,
        amount: Number(d.refunded_amount),
        currency: d.currency.trim(),
        key: code,
        note: `Atalaya: devolución ${code}`,
      });
      outcome = {
        status: 'done',
        refundId: receipt.refundId,
        reply: receipt.existing ? `found refund ${receipt.refundId} already made` : `refund ${receipt.refundId}`,
      };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof ChannelPayloadError || d.attempts >= MAX_ATTEMPTS)
        outcome = {
          status: 'failed',
          reply:
            d.attempts >= MAX_ATTEMPTS && !(e instanceof ChannelPayloadError) ? `gave up after ${d.attempts} tries: ${message}` : message,
        };
      else
        outcome = {
          status: 'pending',
          reply: message,
          nextInMs: (e instanceof ChannelTransientError ? e.retryAfterMs : undefined) ?? retryMs(d.attempts),
        };
    }
    await inTransaction(ctx.ds, async (m) => {
      await m.query(
        `UPDATE returns SET channel_refund_status = $2, channel_refund_id = coalesce($3, channel_refund_id), channel_refund_reply = $4,
           channel_refund_next_at = CASE WHEN $2 = 'pending' THEN now() + make_interval(secs => $5::double precision / 1000) END, updated_at = now()
         WHERE id = $1`,
        [d.id, outcome.status, outcome.refundId ?? null, outcome.reply.slice(0, 1000), outcome.nextInMs ?? 0],
      );
      const type =
        outcome.status === 'done' ? 'channel_refund.done' : outcome.status === 'failed' ? 'channel_refund.failed' : 'channel_refund.retry';
      await recordReturnEvent(
        m,
        d.id,
        actor,
        type,
        outcome.reply.slice(0, 500),
        outcome.refundId ? { refundId: outcome.refundId } : undefined,
      );
    });
  }
  return due.length;
}
