import { randomBytes, randomUUID } from 'node:crypto';
import { AppError, POLICY_DECIDER, type Actor, type FieldIssue, type Return, type returnsContract } from '../../../../shared';
import type { z } from 'zod';
import { decideReturn } from '../../../core/returns/return-policy';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { recordOrderEvent } from '../../orders/order.store';
import { locationNameOf, orderReturnFacts, readReturnSettings } from '../return-facts.store';
import { insertReturn, readReturn } from '../returns.store';
import { afterApproval, approvalEventType } from './approved';

type RequestInput = z.output<(typeof returnsContract)['returns.request']['input']>;

/** Argentina's withdrawal procedure code ("botón de arrepentimiento"): ARR- and 10 unambiguous characters. */
function procedureCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `ARR-${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

const sourceOf = (actor: Actor): Return['source'] =>
  actor.role === 'integrator' ? 'api' : actor.role === 'associate' ? 'store' : actor.role === 'system' ? 'channel' : 'desk';

/**
 * A return request: checked against the order (its SKUs, the reasons list), decided by the return
 * policy at once — approved, waiting for a person (with its due time), or rejected with the
 * reason — and written with its lines and history, all in one transaction under the order's lock
 * (two requests at once cannot return the same unit twice).
 */
export async function requestReturn(
  ctx: Pick<ModuleContext, 'ds' | 'config'>,
  input: RequestInput,
  actor: Actor,
  now = new Date(),
  channelReturnKey?: string,
): Promise<Return> {
  return inTransaction(ctx.ds, async (m) => {
    const facts = await orderReturnFacts(m, input.orderId);
    if (!facts) throw new AppError('NOT_FOUND', `No order with id ${input.orderId}`);
    const settings = await readReturnSettings(m);
    const issues: FieldIssue[] = [];
    input.lines.forEach((l, i) => {
      if (!facts.skus.has(l.sku))
        issues.push({
          path: `lines.${i}.sku`,
          message: `${l.sku} is not on this order: choose one of ${[...facts.skus.keys()].join(', ')}`,
        });
      if (!settings.reasons.some((r) => r.code === l.reason))
        issues.push({
          path: `lines.${i}.reason`,
          message: `"${l.reason}" is not a return reason: use one of ${settings.reasons.map((r) => r.code).join(', ')}`,
        });
    });
    if (input.lines.some((l, i) => input.lines.findIndex((o) => o.sku === l.sku) !== i))
      issues.push({ path: 'lines', message: 'each SKU once: add the units of a SKU into one line' });
    if (issues.length) throw new AppError('VALIDATION_FAILED', `The return request has ${issues.length} problem(s)`, issues);

    const decision = decideReturn(
      {
        country: facts.country,
        requestedAt: now,
        lines: input.lines.map((l) => {
          const s = facts.skus.get(l.sku)!;
          return {
            sku: l.sku,
            category: s.category,
            quantity: l.quantity,
            unitPrice: s.unitPrice,
            condition: l.condition,
            deliveredAt: s.deliveredAt,
            deliveredQuantity: s.delivered,
            alreadyReturned: s.alreadyReturned,
            refunded: false,
          };
        }),
      },
      settings.policy,
    );
    const status = decision.verdict === 'approve' ? 'approved' : decision.verdict === 'review' ? 'requested' : 'rejected';
    const id = randomUUID();
    const code = decision.legalWithdrawal && facts.country === 'AR' ? procedureCode() : null;
    const number = await insertReturn(m, {
      id,
      orderId: input.orderId,
      status,
      source: sourceOf(actor),
      method: input.method,
      resolution: input.resolution,
      locationId: input.locationId ?? null,
      verdict: decision.verdict,
      reasons: decision.reasons,
      legalWithdrawal: decision.legalWithdrawal,
      procedureCode: code,
      value: decision.value,
      notes: input.notes ?? null,
      photos: input.photos,
      requestedBy: actor.name,
      dueAt: status === 'requested' ? new Date(now.getTime() + settings.reviewSlaHours * 3_600_000) : null,
      decidedBy: status === 'requested' ? null : POLICY_DECIDER,
      channelReturnKey: channelReturnKey ?? null,
      lines: input.lines.map((l, i) => ({
        lineNo: i + 1,
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: facts.skus.get(l.sku)!.unitPrice,
        reason: l.reason,
        condition: l.condition,
        verdict: decision.lines.find((d) => d.sku === l.sku)?.verdict ?? decision.verdict,
      })),
    });
    await m.query(
      `INSERT INTO return_events (return_id, type, from_status, to_status, actor_id, actor_name, reason, data) VALUES ($1, 'return.requested', NULL, $2, $3, $4, $5, $6)`,
      [id, status, actor.id, actor.name, input.notes ?? null, JSON.stringify({ verdict: decision.verdict, reasons: decision.reasons })],
    );
    await recordOrderEvent(m, {
      orderId: input.orderId,
      // An approval tells the customer (return.approved): the return's code and where to bring it.
      type:
        status === 'rejected' ? 'return.rejected' : status === 'approved' ? approvalEventType(input.method, settings) : 'return.requested',
      actor,
      data: {
        returnId: id,
        returnNumber: number,
        locationName: await locationNameOf(m, input.locationId),
        verdict: decision.verdict,
        value: decision.value,
        ...(code ? { procedureCode: code } : {}),
      },
    });
    if (status === 'approved')
      await afterApproval(
        m,
        ctx,
        id,
        { labelValidityDays: settings.labelValidityDays, returnCarrier: settings.returnCarrier, ...input },
        actor,
      );
    return (await readReturn(m, { id }))!;
  });
}
