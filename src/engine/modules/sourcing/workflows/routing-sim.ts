import { AppError, type OutputOf } from '../../../../shared';
import { replay, type PastOrder } from '../../../core/sourcing/replay';
import { StockIndex } from '../../../core/sourcing/stock-index';
import { getProfile, listProfiles } from '../profile.store';
import { loadNetwork, loadPastOrders, loadStockFor } from '../sourcing.store';
import type { WorkflowDeps } from '../../../kernel/context';

/**
 * The routing simulator: replays the orders created in [from, to) against a draft profile and
 * against the active version of the same key, each on its own copy of today's stock (on hand −
 * safety, as if nothing were reserved) and with daily capacity counted per day of the replay —
 * and the draft once more with its re-optimisation, each order released to the floor
 * `releaseAfterMinutes` after it was placed, so first decisions alone and with re-optimisation
 * compare side by side.
 */
export async function simulateRouting(
  deps: WorkflowDeps,
  input: { draftId: string; from: string; to: string; limit: number; releaseAfterMinutes: number },
): Promise<OutputOf<'sourcing.simulate'>> {
  const m = deps.ds.manager;
  const draft = await getProfile(m, input.draftId);
  if (!draft) throw new AppError('NOT_FOUND', `No sourcing profile with id ${input.draftId}`);
  const active = (await listProfiles(m)).find((p) => p.key === draft.key && p.status === 'active') ?? null;
  const past = await loadPastOrders(m, input.from, input.to, input.limit);
  const orders: PastOrder[] = past.map((o) => ({
    channel: o.channel,
    orderType: o.orderType,
    shipTo: o.shipTo,
    lines: o.lines,
    at: o.createdAt,
  }));
  const network = await loadNetwork(m);
  const stock = new StockIndex();
  for (const s of await loadStockFor(m, [...new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)))]))
    stock.set(s.location_id, s.sku, s.qty);
  return {
    draft: replay(draft.spec, orders, network, stock.clone()),
    draftReoptimised: draft.spec.reoptimisation.enabled
      ? replay(draft.spec, orders, network, stock.clone(), { reoptimise: { releaseAfterMs: input.releaseAfterMinutes * 60_000 } })
      : null,
    active: active && active.id !== draft.id ? replay(active.spec, orders, network, stock.clone()) : null,
    activeProfileId: active?.id ?? null,
  };
}
