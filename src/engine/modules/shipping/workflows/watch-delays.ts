import { DELAY_REASONS, type DelayReason } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import { SYSTEM_ACTOR, type ModuleContext } from '../../../kernel/context';
import { businessCalendar, type BusinessCalendar } from '../../../core/shipping/business-calendar';
import { delayFindings, type DelayFinding, type DelayPolicy } from '../../../core/shipping/delay-rules';
import { lockOrder } from '../../orders/order.store';
import { raiseAlert, resolveAlerts } from '../alerts.store';
import { delayRowOf, ON_THE_WAY, shipmentsOnTheWay, type DelayRow } from '../delay-watch.store';
import { lockShipmentHead } from '../shipment-status.store';
import { getShippingPolicy } from '../shipping-policy.store';

/** The reasons the watch raises and resolves; a rejected label is the label worker's (a person retries it). */
const WATCHED: readonly DelayReason[] = DELAY_REASONS.filter((r) => r !== 'label_rejected');
const PAGE = 500;

export interface WatchResult {
  checked: number;
  raised: number;
  resolved: number;
}

/**
 * What to raise and what to resolve for one shipment, given the rules' findings now: a rule firing
 * without an open alert raises one — unless a person resolved it since the parcel last moved — and
 * an open alert whose rule stopped firing is resolved.
 */
export function alertChanges(
  findings: readonly DelayFinding[],
  open: readonly DelayReason[],
  dismissed: readonly DelayReason[] = [],
): { raise: DelayFinding[]; resolve: DelayReason[] } {
  const firing = new Set(findings.map((f) => f.reason));
  return {
    raise: findings.filter((f) => WATCHED.includes(f.reason) && !open.includes(f.reason) && !dismissed.includes(f.reason)),
    resolve: open.filter((r) => WATCHED.includes(r) && !firing.has(r)),
  };
}

/**
 * One pass of the delay watch at `now`: every shipment on its way (label ready, or with the carrier
 * and not final) is checked against the delay rules with the shipping policy and the holiday
 * country's business calendar. A rule that fires raises its alert (once: the exception inbox, the late
 * board, and the order event `shipment.delayed` that customer notifications read); an open alert
 * whose rule no longer fires is resolved by Atalaya; one a person resolved stays resolved until the
 * parcel moves again (they called the customer: the next pass must not put it back). Shipments whose alerts change are re-read under
 * their order's and their own lock, so a delivery applied meanwhile is not flagged late.
 */
export async function watchDelays(ctx: ModuleContext, now: Date = new Date()): Promise<WatchResult> {
  const policy = await getShippingPolicy(ctx.ds.manager);
  const rules: DelayPolicy = { stalledBusinessDays: policy.stalledBusinessDays, branchWaitDays: policy.branchWaitDays };
  const calendar = businessCalendar(policy.holidayCountry);
  const out: WatchResult = { checked: 0, raised: 0, resolved: 0 };
  let after: string | null = null;
  for (;;) {
    const page = await shipmentsOnTheWay(ctx.ds.manager, after, PAGE);
    for (const row of page) {
      out.checked++;
      const { raise, resolve } = alertChanges(delayFindings(row.facts, now, rules, calendar), row.openReasons, row.dismissedReasons);
      if (!raise.length && !resolve.length) continue;
      try {
        const done = await inTransaction(ctx.ds, (m) => settle(m, row, now, rules, calendar));
        out.raised += done.raised;
        out.resolved += done.resolved;
      } catch (err) {
        ctx.log.warn({ err, shipmentId: row.head.id }, 'delay watch: alerts of a shipment could not be updated; tried at the next pass');
      }
    }
    if (page.length < PAGE) return out;
    after = page.at(-1)!.head.id;
  }
}

async function settle(
  m: Parameters<typeof lockShipmentHead>[0],
  row: DelayRow,
  now: Date,
  rules: DelayPolicy,
  calendar: BusinessCalendar,
): Promise<{ raised: number; resolved: number }> {
  await lockOrder(m, row.head.orderId);
  const head = await lockShipmentHead(m, row.head.id);
  const fresh = head && (await delayRowOf(m, row.head.id));
  if (!head || !fresh || !ON_THE_WAY.includes(fresh.head.status)) return { raised: 0, resolved: 0 };
  const { raise, resolve } = alertChanges(delayFindings(fresh.facts, now, rules, calendar), fresh.openReasons, fresh.dismissedReasons);
  let raised = 0;
  for (const f of raise) if (await raiseAlert(m, head, f.reason, f.detail, SYSTEM_ACTOR)) raised++;
  const resolved = resolve.length ? await resolveAlerts(m, head, SYSTEM_ACTOR.name, resolve) : 0;
  return { raised, resolved };
}
