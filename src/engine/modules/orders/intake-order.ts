import { createHash, randomUUID } from 'node:crypto';
import { AppError, type Order, type OrderInput } from '../../../shared';
import { findOrderIdByExternal, getOrder, idempotencyScope, insertOrder, rememberIdempotencyKey } from './order.store';
import type { SourcingClaim } from '../sourcing/sourcing-claim.store';
import type { Actor } from '../../../shared';
import type { WorkflowDeps } from '../../kernel/context';
import { unknownSkuIssues } from '../channels/normalise-draft';

/** A stable fingerprint of a parsed order (zod emits keys in schema order, so equal orders hash equal). */
export function payloadHash(input: OrderInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

const isKeyRace = (e: unknown) => {
  const d = (e as { driverError?: { code?: string; constraint?: string } }).driverError ?? (e as { code?: string; constraint?: string });
  return d?.code === '23505' && d.constraint === 'idempotency_keys_pkey';
};

/**
 * `sourceInline`: the caller (a queue worker) sources the new order right after, instead of a job,
 * and gets what sourcing reads from the insert. `settleInbox`: the inbox row the order came from,
 * marked processed by the insert.
 */
export interface IntakeOptions {
  sourceInline?: boolean;
  settleInbox?: { id: string; actor: string };
}

/** What intake made of an order: a new one, the same one again (a replay), or one this channel sent before with other content. */
export type IntakeResult =
  | { kind: 'created'; order: Order; sourcing?: SourcingClaim }
  | { kind: 'replayed'; order: Order }
  | { kind: 'changed'; existingId: string };

/**
 * Intake: store the order (nothing is sourced in the request), announce it, then hand sourcing to
 * the queue. Idempotent twice over: by `Idempotency-Key` (same key + same body → the first answer;
 * same key + another body → 409) and by channel + external id (a redelivered order is not a new one).
 * If the enqueue fails after the commit, the sweeper finds the order still `received` and enqueues it.
 * A line whose SKU is not in the catalog is VALIDATION_FAILED naming `lines.N.sku`, nothing stored
 * (normalisation's rule: `unknownSkuMessage`).
 */
export async function intakeOrder(
  deps: WorkflowDeps,
  input: OrderInput,
  idempotencyKey: string | undefined,
  actor: Actor,
  opts: IntakeOptions = {},
): Promise<{ order: Order; replayed: boolean }> {
  // Lines of SKUs the catalog does not have are refused here, as the inbox quarantines them (one rule, one message).
  const unknown = await unknownSkuIssues(deps, input.lines);
  if (unknown.length)
    throw new AppError('VALIDATION_FAILED', `Invalid order: ${unknown.map((i) => `${i.path}: ${i.message}`).join('; ')}`, unknown);
  const r = await takeOrder(deps, input, idempotencyKey, actor, opts);
  if (r.kind === 'changed') {
    throw new AppError(
      'DUPLICATE_ORDER',
      `Channel "${input.channel}" already sent order "${input.externalId}" with different content (order ${r.existingId}); changes to an order in flight are applied as updates, not by sending it again`,
    );
  }
  return { order: r.order, replayed: r.kind === 'replayed' };
}

/**
 * {@link intakeOrder} that answers a changed redelivery with the existing order's id instead of an
 * error: channel workers apply it as a change. The insert looks for the order in the same round trip.
 */
export async function takeOrder(
  deps: WorkflowDeps,
  input: OrderInput,
  idempotencyKey: string | undefined,
  actor: Actor,
  opts: IntakeOptions = {},
): Promise<IntakeResult> {
  const hash = payloadHash(input);
  for (let attempt = 1; ; attempt++) {
    let res: Awaited<ReturnType<typeof insertOrder>>;
    try {
      // A worker that sources the order next gets what sourcing reads from the same statement.
      res = await insertOrder(deps.ds.manager, {
        id: randomUUID(),
        input,
        payloadHash: hash,
        idempotencyKey,
        actor,
        settleInbox: opts.settleInbox,
        withSourcingFacts: opts.sourceInline,
      });
    } catch (e) {
      // A concurrent request claimed the same key first; our statement was undone. Look again.
      if (isKeyRace(e) && attempt < 3) continue;
      throw e;
    }
    if (res.kind === 'inserted') {
      // A queue worker that took the order in sources it itself next (`sourceInline`): no second job.
      // The answer does not wait for the queue: the order is committed, and the sweeper enqueues
      // any order left `received` should this enqueue fail.
      if (!opts.sourceInline)
        void deps.queue
          .enqueueSourcing(res.order.id)
          .catch((err) => deps.log.warn({ err, orderId: res.order.id }, 'enqueue failed; the sweeper will retry'));
      return { kind: 'created', order: res.order, ...(res.sourcing ? { sourcing: res.sourcing } : {}) };
    }
    if (res.kind === 'key-used') {
      if (res.requestHash !== hash) {
        throw new AppError(
          'IDEMPOTENCY_CONFLICT',
          `Idempotency-Key "${idempotencyKey}" was already used with a different request body; use a new key for a new order`,
        );
      }
      const order = await getOrder(deps.ds.manager, res.orderId);
      if (order) return { kind: 'replayed', order };
    }
    // Committed by another delivery while our insert ran: not visible to it, so look now.
    const existing =
      (res.kind === 'duplicate' ? res.existing : null) ?? (await findOrderIdByExternal(deps.ds.manager, input, input.externalId));
    if (!existing) {
      if (attempt < 3) continue;
      throw new Error(`order ${input.externalId} from channel ${input.channel} conflicts with one that cannot be found`);
    }
    if (existing.payloadHash !== hash) return { kind: 'changed', existingId: existing.id };
    const order = await getOrder(deps.ds.manager, existing.id);
    if (!order) throw new Error(`order ${existing.id} vanished`);
    if (idempotencyKey) {
      await rememberIdempotencyKey(deps.ds.manager, idempotencyScope(input), idempotencyKey, hash, order.id);
    }
    return { kind: 'replayed', order };
  }
}
