import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { inTransaction } from '../../../db/data-source';
import { SYSTEM_ACTOR, type ModuleContext } from '../../../kernel/context';
import type { Stoppable } from '../../../kernel/define-module';
import { startPeriodic } from '../../../kernel/periodic';
import { recordOrderEvent } from '../../orders/order.store';
import { getCarrierAccount } from '../carrier-accounts.store';
import { recordDecision } from '../decisions.store';
import { assignCarrier, claimDueShipments, placeFacts, type ShipmentWork } from '../label-work.store';
import { getShippingPolicy } from '../shipping-policy.store';
import { backOff, labelStep, openWork, stopWithAlert } from './buy-label';
import { noCarrierDetail, rateShopPlace } from './rate-shop-place';

/**
 * The label worker (worker nodes): every second it claims due shipments — drafts and pending
 * labels whose next action has come — under a lease, so two nodes never buy the same label, and
 * works them outside any transaction: what has no carrier yet is rate-shopped once per order and
 * location (the decision recorded with its options and explanation, the timeline told), then each
 * label is bought or checked ({@link labelStep}). Packing nudges it through the `ship-parcels` job.
 */

type Ctx = Pick<ModuleContext, 'ds' | 'config' | 'log'>;

const BATCH = 20;
const PARALLEL = 4;
const nodes = new WeakMap<object, string>();

/** This engine's name on the leases it takes (host, process, engine). */
export function labelNode(ctx: Pick<ModuleContext, 'ds'>): string {
  let n = nodes.get(ctx.ds);
  if (!n) nodes.set(ctx.ds, (n = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`));
  return n;
}

/**
 * The rate shop for a group of drafts of one order and location that have no carrier: decides
 * (unless another node did), assigns the carrier to the drafts, and answers them re-read; on no
 * option, each gets the alert and a backoff, and none is answered.
 */
async function decideCarrier(ctx: Ctx, node: string, group: ShipmentWork[]): Promise<ShipmentWork[]> {
  const first = group[0]!;
  const place = await placeFacts(ctx.ds.manager, first.orderId, first.locationId);
  const policy = await getShippingPolicy(ctx.ds.manager);
  const outcome = await rateShopPlace(ctx, place!, policy);
  const chosen = outcome.chosen;
  if (!chosen) {
    const detail = noCarrierDetail(outcome);
    for (const w of group) {
      // Nothing can carry it now; the alert says why, and it is looked at again later (an account may be fixed or enabled).
      await stopWithAlert(ctx, node, w, 'pending', detail, true);
    }
    return [];
  }
  await inTransaction(ctx.ds, async (m) => {
    const { decision, mine } = await recordDecision(m, {
      orderId: first.orderId,
      locationId: first.locationId,
      carrierAccountId: chosen.carrierAccountId,
      service: chosen.service,
      options: outcome.options,
      explanation: outcome.explanation,
      promisedAt: outcome.promisedAt,
      cutoffAt: outcome.cutoffAt,
      decidedBy: SYSTEM_ACTOR.name,
      overridden: false,
      reason: null,
    });
    if (mine) {
      await recordOrderEvent(m, {
        orderId: first.orderId,
        type: 'shipping.rated',
        actor: SYSTEM_ACTOR,
        reason: decision.explanation,
        data: {
          decisionId: decision.id,
          locationId: decision.locationId,
          carrierAccountId: chosen.carrierAccountId,
          carrier: chosen.carrier,
          carrierName: chosen.carrierName,
          service: chosen.service,
          serviceName: chosen.serviceName,
          price: chosen.price,
          etaAt: chosen.etaAt,
          explanation: decision.explanation,
        },
      });
    }
    const account = await getCarrierAccount(m, decision.carrierAccountId);
    if (account)
      await assignCarrier(m, first.orderId, first.locationId, { accountId: account.id, kind: account.kind, service: decision.service });
  });
  const out: ShipmentWork[] = [];
  for (const w of group) {
    const again = await openWork(ctx, w.id);
    if (again?.carrierAccountId) out.push(again);
  }
  return out;
}

/**
 * One pass: claims up to a batch of due shipments (of one order, when given) and works them, a
 * few at a time. Exported so tests and the `ship-parcels` job run a pass directly.
 */
export async function runLabelPass(ctx: Ctx, opts: { orderId?: string; node?: string } = {}): Promise<number> {
  const node = opts.node ?? labelNode(ctx);
  const ids = await claimDueShipments(ctx.ds.manager, node, BATCH, opts.orderId);
  if (!ids.length) return 0;
  const works: ShipmentWork[] = [];
  for (const id of ids) {
    const w = await openWork(ctx, id);
    if (w) works.push(w);
  }
  const undecided = new Map<string, ShipmentWork[]>();
  const ready: ShipmentWork[] = [];
  for (const w of works) {
    if (w.carrierAccountId) ready.push(w);
    else undecided.set(`${w.orderId}|${w.locationId}`, [...(undecided.get(`${w.orderId}|${w.locationId}`) ?? []), w]);
  }
  for (const group of undecided.values()) {
    try {
      ready.push(...(await decideCarrier(ctx, node, group)));
    } catch (e) {
      ctx.log.warn({ err: e, orderId: group[0]!.orderId }, 'rate shop failed');
      for (const w of group) await backOff(ctx, node, w, `the rate shop failed: ${(e as Error).message}`);
    }
  }
  for (let i = 0; i < ready.length; i += PARALLEL) {
    await Promise.all(ready.slice(i, i + PARALLEL).map((w) => labelStep(ctx, node, w)));
  }
  return ids.length;
}

/** The loop on worker nodes: a pass every second (a pass under way makes the next tick a no-op). */
export function startLabelWorker(ctx: ModuleContext): Stoppable {
  return startPeriodic(ctx.log, 'label worker', 1_000, async () => {
    // Drain what is due, a batch at a time, before the next tick.
    while ((await runLabelPass(ctx)) >= BATCH);
  });
}
