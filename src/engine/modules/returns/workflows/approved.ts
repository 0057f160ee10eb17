import type { Actor, ReturnMethod, ReturnSettings } from '../../../../shared';
import type { Tx } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { printReturnLabel } from '../return-documents';
import { orderReturnLabel } from '../return-labels.store';
import { recordReturnEvent } from '../returns.store';

/**
 * Whether an approved return gets a carrier's label, sent to the customer as a link: one the
 * customer ships back (`carrier_label`) or the carrier picks up at their address
 * (`courier_pickup`, booked with the label) while the settings name a return carrier. Its approval is
 * told to the customer once the label is bought, with the link (the order's `return.approved`);
 * until then the order's timeline says `return.label_ordered`.
 */
export const labelByCarrier = (method: ReturnMethod, settings: Pick<ReturnSettings, 'returnCarrier'>): boolean =>
  (method === 'carrier_label' || method === 'courier_pickup') && !!settings.returnCarrier;

/** The order event of an approval: told to the customer now, or once the carrier's label is bought. */
export const approvalEventType = (method: ReturnMethod, settings: Pick<ReturnSettings, 'returnCarrier'>) =>
  labelByCarrier(method, settings) ? 'return.label_ordered' : 'return.approved';

/**
 * What follows an approval, by the policy or a person, in its transaction: the return label is
 * valid for the settings' days (an approved return not back by then expires). A carrier's label is
 * ordered (bought by the return-labels worker once the approval commits); else Atalaya's own label
 * prints at the station asked for (else this desk's) once the approval commits.
 */
export async function afterApproval(
  m: Tx,
  ctx: Pick<ModuleContext, 'config'>,
  returnId: string,
  opts: {
    labelValidityDays: number;
    printLabel: boolean;
    stationId?: string | undefined;
    method: ReturnMethod;
    returnCarrier: ReturnSettings['returnCarrier'];
  },
  actor: Actor,
): Promise<void> {
  await m.query(`UPDATE returns SET label_expires_at = now() + make_interval(days => $2) WHERE id = $1`, [
    returnId,
    opts.labelValidityDays,
  ]);
  if (opts.returnCarrier && labelByCarrier(opts.method, opts)) {
    await orderReturnLabel(m, returnId, opts.returnCarrier);
    await recordReturnEvent(m, returnId, actor, 'return.label_ordered', null, { carrierAccountId: opts.returnCarrier.accountId });
    return;
  }
  if (!opts.printLabel) return;
  const job = await printReturnLabel(m, returnId, opts.stationId ?? ctx.config.stationId, actor);
  await recordReturnEvent(m, returnId, actor, 'return.label_printed', null, { jobId: job.id, stationId: job.stationId });
}

/** Approved returns whose label ran out before they came back: expired, each with its event. Answers how many. */
export async function expireReturns(m: Tx, actor: Actor, limit = 200): Promise<number> {
  const rows: { id: string }[] = await m.query(
    `WITH due AS (SELECT id FROM returns WHERE status = 'approved' AND label_expires_at < now() ORDER BY label_expires_at LIMIT $1 FOR UPDATE SKIP LOCKED),
     u AS (UPDATE returns r SET status = 'expired', updated_at = now() FROM due WHERE r.id = due.id RETURNING r.id)
     INSERT INTO return_events (return_id, type, from_status, to_status, actor_id, actor_name, reason)
     SELECT id, 'return.expired', 'approved', 'expired', $2, $3, 'the return label ran out before the parcel came back' FROM u RETURNING return_id AS id`,
    [limit, actor.id, actor.name],
  );
  return rows.length;
}
