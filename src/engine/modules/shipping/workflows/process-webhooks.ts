import { AppError } from '../../../../shared';
import { inTransaction } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { carrierFor } from '../carrier-runtime';
import { nudgeLabels } from '../plan-shipments';
import { awaitingLabelByRefs, dueNow } from '../shipments.store';
import { shipmentsByRefs, type TrackedShipment } from '../tracked-shipments.store';
import { claimPendingWebhooks, failWebhooks, markWebhooksProcessed, type PendingWebhook } from '../webhooks.store';
import { trackShipments } from './track-shipments';

/** Webhooks claimed at once, and how long a claim holds them (a node that dies frees them after). */
const CLAIM = 500;
const LEASE_SECONDS = 120;
/** A pass keeps claiming while there is a backlog, up to this long. */
const PASS_BUDGET_MS = 5_000;

export interface WebhookResult {
  processed: number;
  failed: number;
}

/** When a webhook whose re-fetch failed is tried again: 5 s, doubling, at most an hour. */
export const webhookRetryMs = (attempts: number): number => Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3600_000);

/**
 * Applies the carrier webhooks kept by the intake. A webhook is a hint: the shipments it names (by
 * tracking number or the carrier's shipment id) have their tracking fetched from the carrier — one
 * batch per account for all webhooks claimed together, however many name the same shipment — and
 * applied like a poll. A webhook is processed once every shipment it names was fetched and applied;
 * one whose fetch failed keeps its error and is tried again later (5 s, doubling, at most an hour).
 * Refs that name no shipment of the account are noted on the row, not retried. A ref naming a
 * shipment whose label is still awaited makes the label worker ask for it now.
 */
export async function processWebhooks(ctx: ModuleContext, now: () => Date = () => new Date()): Promise<WebhookResult> {
  const out: WebhookResult = { processed: 0, failed: 0 };
  const started = Date.now();
  for (;;) {
    const claimed = await inTransaction(ctx.ds, (m) => claimPendingWebhooks(m, CLAIM, LEASE_SECONDS));
    const byAccount = new Map<string, PendingWebhook[]>();
    for (const w of claimed) byAccount.set(w.accountId, [...(byAccount.get(w.accountId) ?? []), w]);
    for (const [accountId, hooks] of byAccount) {
      const r = await processAccount(ctx, accountId, hooks, now());
      out.processed += r.processed;
      out.failed += r.failed;
    }
    if (claimed.length < CLAIM || Date.now() - started > PASS_BUDGET_MS) return out;
  }
}

async function processAccount(ctx: ModuleContext, accountId: string, hooks: PendingWebhook[], now: Date): Promise<WebhookResult> {
  const fail = async (list: PendingWebhook[], error: string) => {
    // One statement per distinct wait, usually one.
    const byWait = new Map<number, string[]>();
    for (const w of list) byWait.set(webhookRetryMs(w.attempts), [...(byWait.get(webhookRetryMs(w.attempts)) ?? []), w.id]);
    await inTransaction(ctx.ds, async (m) => {
      for (const [wait, ids] of byWait) await failWebhooks(m, ids, error, new Date(now.getTime() + wait));
    });
    return { processed: 0, failed: list.length };
  };
  let live;
  try {
    live = await carrierFor(ctx, accountId);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return fail(hooks, e.message);
  }
  const refs = [...new Set(hooks.flatMap((w) => w.refs))];
  const shipments = await shipmentsByRefs(ctx.ds.manager, accountId, refs);
  // A ref is a tracking number or the carrier's own shipment id.
  const byRef = new Map<string, TrackedShipment>();
  for (const s of shipments) {
    byRef.set(s.trackingNumber, s);
    if (s.externalId) byRef.set(s.externalId, s);
  }
  const track = await trackShipments(ctx, live, shipments, 'webhook', now);
  // A webhook about a shipment whose label is awaited (Mercado Libre: ready to ship now) asks for the label at once.
  const awaiting = await awaitingLabelByRefs(ctx.ds.manager, accountId, refs);
  if (awaiting.length) {
    await inTransaction(ctx.ds, async (m) => {
      for (const s of awaiting) await dueNow(m, s.id);
    });
    for (const orderId of new Set(awaiting.map((s) => s.orderId))) nudgeLabels(ctx, orderId);
  }
  const awaited = new Set(awaiting.map((s) => s.externalId));

  const done: PendingWebhook[] = [];
  const failed = new Map<string, PendingWebhook[]>();
  const notes = new Map<string, string[]>();
  for (const w of hooks) {
    const named = w.refs.map((r) => byRef.get(r));
    const error = named.map((s) => s && track.failed.get(s.id)).find(Boolean);
    if (error) failed.set(error, [...(failed.get(error) ?? []), w]);
    else done.push(w);
    const strangers = w.refs.filter((r, i) => !named[i] && !awaited.has(r));
    if (strangers.length) notes.set(w.id, strangers);
  }
  await inTransaction(ctx.ds, async (m) => {
    const plain = done.filter((w) => !notes.has(w.id)).map((w) => w.id);
    await markWebhooksProcessed(m, plain);
    for (const w of done.filter((x) => notes.has(x.id)))
      await markWebhooksProcessed(m, [w.id], `names no shipment of this account: ${notes.get(w.id)!.slice(0, 20).join(', ')}`);
  });
  let nFailed = 0;
  for (const [error, list] of failed) nFailed += (await fail(list, error)).failed;
  return { processed: done.length, failed: nFailed };
}
