import {
  AppError,
  BULK_ACTION_ENDPOINTS,
  mayCall,
  rolesFor,
  type Actor,
  type BulkAction,
  type BulkOutput,
  type BulkResult,
  type Endpoint,
  type ErrorCode,
} from '../../../shared';
import type { ModuleContext } from '../../kernel/context';
import { locationScope } from '../../kernel/location-scope';
import { orderHeads } from './order-heads.store';

type Act = NonNullable<ModuleContext['act']>;

/**
 * The single call that does `action` to one order. Each goes through the engine's own dispatcher
 * (`ctx.act`), as if the person had clicked it on that order: the same schema, role check, workflow
 * and transaction, and the same row in the audit log — nothing of those is written twice here.
 */
function callFor(act: Act, action: BulkAction, id: string, actor: Actor): Promise<unknown> {
  switch (action.kind) {
    case 'advance':
      return act('orders.advance', { id, to: action.to }, actor);
    case 'cancel':
      return act('orders.cancel', { id, reason: action.reason }, actor);
    case 'move':
      return act('sourcing.override', { orderId: id, locationId: action.locationId, reason: action.reason }, actor);
    case 'print':
      return act(
        'printing.print',
        { docType: action.what, ref: { orderId: id }, ...(action.locale ? { locale: action.locale } : {}) },
        actor,
      );
  }
}

/** FORBIDDEN for the whole call, before any order is touched, when the actor's role may not do the action to one order. */
function assertMayDo(actor: Actor, endpoint: Endpoint): void {
  if (mayCall(actor.role, endpoint)) return;
  throw new AppError(
    'FORBIDDEN',
    `Role "${actor.role}" may not call ${endpoint}, so not in bulk either; allowed: ${rolesFor(endpoint).join(', ')}`,
  );
}

/**
 * Applies one action to many orders, one after the other, each in its own transaction (its single
 * endpoint's): a failure is recorded for that order and the next one goes on. Sequential on purpose:
 * orders of one batch often share a location's stock rows, and the single workflows lock them one
 * order at a time.
 */
export async function bulkOrders(
  ctx: ModuleContext,
  input: { ids: readonly string[]; action: BulkAction },
  actor: Actor,
): Promise<BulkOutput> {
  const endpoint = BULK_ACTION_ENDPOINTS[input.action.kind];
  assertMayDo(actor, endpoint);
  const act = ctx.act;
  if (!act) throw new AppError('UNAVAILABLE', 'The engine is still starting; retry in a few seconds');
  const ids = [...new Set(input.ids)];
  const outcomes = new Map<string, { code: ErrorCode; message: string } | null>();
  for (const id of ids) {
    try {
      await callFor(act, input.action, id, actor);
      outcomes.set(id, null);
    } catch (e) {
      if (e instanceof AppError) outcomes.set(id, { code: e.code, message: e.message });
      else {
        ctx.log.error({ err: e, orderId: id, endpoint }, 'bulk action failed on one order; the others go on');
        outcomes.set(id, { code: 'INTERNAL', message: 'The engine failed on this order; its log has the details' });
      }
    }
  }
  // Read after the actions: the number names the order to a person, the status is where it ended up.
  const heads = await orderHeads(ctx.ds.manager, ids, locationScope(actor));
  const results: BulkResult[] = ids.map((id) => {
    const head = heads.get(id);
    const failure = outcomes.get(id);
    return {
      id,
      number: head?.number ?? null,
      status: head?.status ?? null,
      ok: !failure,
      ...(failure ? { code: failure.code, message: failure.message } : {}),
    };
  });
  const done = results.filter((r) => r.ok).length;
  return { results, done, failed: results.length - done };
}
