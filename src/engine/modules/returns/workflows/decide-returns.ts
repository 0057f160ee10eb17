import { AppError, type Actor, type Return, type ReturnRefusal } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import { auditNote } from '../../../kernel/audit';
import type { ModuleContext } from '../../../kernel/context';
import { recordOrderEvent } from '../../orders/order.store';
import { locationNameOf, readReturnSettings } from '../return-facts.store';
import { lockReturns, moveReturn, readReturn } from '../returns.store';
import { afterApproval, approvalEventType } from './approved';

/** Up to which value this person may approve a return (null: no limit; 0: none). */
function approvalLimit(actor: Actor, limits: { planner: number | null; supervisor: number | null }): number | null {
  if (actor.role === 'supervisor') return limits.supervisor;
  if (actor.role === 'planner') return limits.planner;
  return 0;
}

/**
 * Approves or rejects returns waiting for review, in one transaction. Each is checked on its own:
 * one no longer waiting, or above the person's approval limit, is named in `refused` with why,
 * and the others are decided. The decision, the person and the reason go into the return's
 * history, the order's timeline and the audit.
 */
export async function decideReturns(
  ctx: Pick<ModuleContext, 'ds' | 'config'>,
  input: {
    ids: string[];
    decision: 'approve' | 'reject';
    reason?: string | undefined;
    printLabel: boolean;
    stationId?: string | undefined;
  },
  actor: Actor,
): Promise<{ decided: Return[]; refused: ReturnRefusal[] }> {
  return inTransaction(ctx.ds, async (m) => {
    const settings = await readReturnSettings(m);
    const ids = [...new Set(input.ids)];
    const statuses = await lockReturns(m, ids);
    const limit = approvalLimit(actor, settings.approvalLimits);
    const decided: Return[] = [];
    const refused: ReturnRefusal[] = [];
    for (const id of ids) {
      const r = statuses.has(id) ? await readReturn(m, { id }) : null;
      if (!r) {
        refused.push({ id, code: 'not_found', params: {}, reason: `no return with id ${id}` });
        continue;
      }
      if (r.status !== 'requested') {
        refused.push({
          id,
          code: 'not_waiting',
          params: { status: r.status },
          reason: `return R-${r.number} is ${r.status}, not waiting for a decision`,
        });
        continue;
      }
      if (input.decision === 'approve' && limit !== null && r.value > limit) {
        refused.push({
          id,
          code: 'above_limit',
          params: { value: r.value, limit },
          reason: `return R-${r.number} is worth ${r.value} ${r.currency}, above your approval limit of ${limit}: a supervisor approves it`,
        });
        continue;
      }
      const to = input.decision === 'approve' ? 'approved' : 'rejected';
      if (!(await moveReturn(m, id, to, actor, { type: `return.${to}`, reason: input.reason ?? null, set: { decided: true } })))
        throw new AppError('ILLEGAL_TRANSITION', `return R-${r.number} could not be ${to}`);
      await recordOrderEvent(m, {
        orderId: r.orderId,
        type: to === 'approved' ? approvalEventType(r.method, settings) : 'return.rejected',
        actor,
        reason: input.reason ?? null,
        // An approval tells the customer (return.approved): the return's code and where to bring it.
        data: {
          returnId: id,
          returnNumber: r.number,
          value: r.value,
          locationName: await locationNameOf(m, r.locationId),
          ...(r.procedureCode ? { procedureCode: r.procedureCode } : {}),
        },
      });
      if (to === 'approved')
        await afterApproval(
          m,
          ctx,
          id,
          { labelValidityDays: settings.labelValidityDays, returnCarrier: settings.returnCarrier, method: r.method, ...input },
          actor,
        );
      decided.push((await readReturn(m, { id }))!);
    }
    auditNote({
      ...(decided.length === 1 ? { orderId: decided[0]!.orderId } : {}),
      subject: `returns ${decided.map((r) => `R-${r.number}`).join(', ') || '(none)'}`,
      before: { status: 'requested' },
      after: { decision: input.decision, reason: input.reason ?? null, refused: refused.length },
    });
    return { decided, refused };
  });
}
