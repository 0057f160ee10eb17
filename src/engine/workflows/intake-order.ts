import { createHash, randomUUID } from 'node:crypto';
import { AppError, type Order, type OrderInput } from '../../shared';
import { inTransaction } from '../adapters/db/data-source';
import { appendOrderEvent, findOrderIdByExternal, getOrder, insertOrder } from '../adapters/db/order-store';
import { publishInTransaction } from '../adapters/events/pg-event-bus';
import type { Actor } from '../engine.types';
import type { WorkflowDeps } from './deps';

/** A stable fingerprint of a parsed order (zod emits keys in schema order, so equal orders hash equal). */
export function payloadHash(input: OrderInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/**
 * Intake: store the order (nothing is sourced in the request), announce it, then hand sourcing to
 * the queue. Idempotent twice over: by `Idempotency-Key` (same key + same body → the first answer;
 * same key + another body → 409) and by channel + external id (a redelivered order is not a new one).
 * If the enqueue fails after commit, the sweeper finds the order still `received` and enqueues it.
 */
export async function intakeOrder(deps: WorkflowDeps, input: OrderInput, idempotencyKey: string | undefined, actor: Actor): Promise<{ order: Order; replayed: boolean }> {
  const hash = payloadHash(input);
  const result = await inTransaction(deps.ds, async (m) => {
    if (idempotencyKey) {
      const prior: { request_hash: string; order_id: string }[] = await m.query('SELECT request_hash, order_id FROM idempotency_keys WHERE key = $1', [idempotencyKey]);
      if (prior[0]) {
        if (prior[0].request_hash !== hash) {
          throw new AppError('IDEMPOTENCY_CONFLICT', `Idempotency-Key "${idempotencyKey}" was already used with a different request body; use a new key for a new order`);
        }
        const order = await getOrder(m, prior[0].order_id);
        if (order) return { order, replayed: true };
      }
    }
    const id = randomUUID();
    const order = await insertOrder(m, { id, input, payloadHash: hash });
    if (!order) {
      const existing = await findOrderIdByExternal(m, input.channel, input.externalId);
      if (existing && existing.payloadHash === hash) {
        const o = await getOrder(m, existing.id);
        if (o) {
          if (idempotencyKey) await m.query('INSERT INTO idempotency_keys (key, request_hash, order_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [idempotencyKey, hash, o.id]);
          return { order: o, replayed: true };
        }
      }
      throw new AppError(
        'DUPLICATE_ORDER',
        `Channel "${input.channel}" already sent order "${input.externalId}" with different content (order ${existing?.id ?? '?'}); changes to an order in flight are applied as updates, not by sending it again`,
      );
    }
    if (idempotencyKey) {
      // The key row is written in the same transaction as the order: both exist or neither does. A
      // concurrent request with the same key waits on the unique index, then finds it taken: retry,
      // and the retry replays the first answer.
      const ins: { key: string }[] = await m.query(
        'INSERT INTO idempotency_keys (key, request_hash, order_id) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key',
        [idempotencyKey, hash, id],
      );
      if (ins.length === 0) throw Object.assign(new Error('idempotency key raced'), { code: '40001' }); // retried by inTransaction
    }
    await appendOrderEvent(m, id, actor, { type: 'order.received', to: 'received', data: { channel: input.channel, externalId: input.externalId, lines: input.lines.length } });
    await publishInTransaction(m, { type: 'order.changed', orderId: id, number: order.number, status: 'received', fromStatus: null, locationId: null, at: order.createdAt });
    return { order, replayed: false };
  });
  if (!result.replayed) {
    await deps.queue.enqueueSourcing(result.order.id).catch((err) => deps.log.warn({ err, orderId: result.order.id }, 'enqueue failed; the sweeper will retry'));
  }
  return result;
}
