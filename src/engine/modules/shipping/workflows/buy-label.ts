import { AppError, type Actor } from '../../../../shared';
import { inTransaction, releaseSavepoint, rollbackToSavepoint, savepoint, type Tx } from '../../../db/data-source';
import { SYSTEM_ACTOR, type ModuleContext } from '../../../kernel/context';
import { CarrierError, type CarrierLabel, type CreateResult, type ShipmentRequest } from '../../../ports/carrier.port';
import { raiseAlert, resolveAlerts } from '../alerts.store';
import { carrierFor, type LiveCarrier } from '../carrier-runtime';
import { endStep, holdsLease, recordCarrierIds, shipmentWork, startTracking, storeLabel, type ShipmentWork } from '../label-work.store';
import {
  PENDING_CHECK_MS,
  destinationAddress,
  isMercadoLibre,
  labelBackoffMs,
  mlShipmentIdOf,
  originAddress,
  preferredLabelFormat,
} from '../label-policy';
import { lockShipmentHead, moveShipment, type ShipmentHead } from '../shipment-status.store';
import { noteShipmentError } from '../shipments.store';
import { getShippingPolicy } from '../shipping-policy.store';
import { printShipmentLabel, stationLabelLanguage } from './print-shipment-label';

/**
 * One step of a shipment's label, for a node holding its lease: ask the carrier (create, or check a
 * pending one) outside any transaction, then record what it said in one short transaction.
 * - created → the label's bytes kept, tracking number and page, `ready`, tracking starts, the label
 *   prints at the packing station;
 * - pending → `label_pending`, checked again when the carrier said (or soon);
 * - rejected → back to `draft` with an alert (`label_rejected`): a person retries or chooses another carrier;
 * - a transient failure (carrier down, rate-limited) → tried again later with jittered backoff;
 * - a permanent one (credentials, a refused request, a missing setting) → an alert, and it stops.
 * A create is retry-safe at the carrier (the parcel code is the reference), so a step cut short
 * and run again never buys twice.
 */

type Ctx = Pick<ModuleContext, 'ds' | 'config' | 'log'>;
const isOpen = (s: string) => s === 'draft' || s === 'label_pending';

function shipmentRequest(w: ShipmentWork, country: string, format: 'zpl' | 'pdf'): ShipmentRequest {
  const external: Record<string, string> = {};
  if (isMercadoLibre(w.channel)) {
    const ml = mlShipmentIdOf(w.raw, w.orderTags);
    if (ml) external.mlShipmentId = ml;
    external.mlOrderId = w.orderExternalId;
  }
  return {
    reference: w.parcelCode ?? w.id,
    orderNumber: w.orderNumber,
    service: w.service ?? '',
    from: originAddress({ name: w.locationName, city: w.locationCity, lat: w.locationLat, lng: w.locationLng }, country),
    to: destinationAddress(w.customer, w.shipTo, country),
    parcel: {
      weightGrams: Math.max(1, w.weightGrams),
      lengthMm: w.lengthMm ?? undefined,
      widthMm: w.widthMm ?? undefined,
      heightMm: w.heightMm ?? undefined,
    },
    declaredValue: { amount: w.declaredValue, currency: w.currency },
    labelFormat: format,
    ...(Object.keys(external).length ? { external } : {}),
  };
}

const headOf = (
  w: ShipmentWork,
  carrier: string,
): Pick<ShipmentHead, 'id' | 'orderId' | 'locationId' | 'status' | 'carrier' | 'trackingNumber'> => ({
  id: w.id,
  orderId: w.orderId,
  locationId: w.locationId,
  status: w.status,
  carrier,
  trackingNumber: null,
});

/**
 * Stops the shipment with an alert a person must act on (the step holds the lease); with `retry`
 * it is also looked at again after a backoff (something may change without a person: an account fixed).
 */
export async function stopWithAlert(
  ctx: Ctx,
  node: string,
  w: ShipmentWork,
  carrier: string,
  detail: string,
  retry = false,
): Promise<void> {
  const next = retry ? new Date(Date.now() + labelBackoffMs(w.attempts)) : null;
  await inTransaction(ctx.ds, async (m) => {
    await endStep(m, w.id, node, { nextActionAt: next, lastError: detail, attempts: 'count' });
    await raiseAlert(m, headOf(w, carrier), 'label_rejected', detail);
  });
}

/** Tries again later: the carrier was down or busy (or the engine failed) — nothing for a person yet. */
export async function backOff(ctx: Ctx, node: string, w: ShipmentWork, message: string, retryAfterMs?: number): Promise<void> {
  const wait = labelBackoffMs(w.attempts, retryAfterMs);
  await inTransaction(ctx.ds, (m) =>
    endStep(m, w.id, node, { nextActionAt: new Date(Date.now() + wait), lastError: message, attempts: 'count' }),
  );
}

/** The step for a shipment that has its carrier account (the rate shop ran). */
export async function labelStep(ctx: Ctx, node: string, w: ShipmentWork): Promise<void> {
  let carrier: LiveCarrier | undefined;
  try {
    carrier = await carrierFor(ctx, w.carrierAccountId!);
    if (!carrier.enabled && w.status === 'draft') {
      throw new AppError(
        'VALIDATION_FAILED',
        `Carrier account ${carrier.account.name} is disabled: enable it, or choose another carrier for this order`,
      );
    }
    const policy = await getShippingPolicy(ctx.ds.manager);
    const station = w.stationId ?? ctx.config.stationId;
    const format = preferredLabelFormat(
      carrier.adapter.capabilities,
      await stationLabelLanguage(ctx.ds.manager, station).catch(() => null),
    );
    const { adapter, account, io } = carrier;
    const result: CreateResult =
      w.status === 'label_pending' && w.externalId
        ? await adapter.checkShipment(account, w.externalId, io)
        : await adapter.createShipment(account, shipmentRequest(w, policy.holidayCountry, format), io);
    let label: CarrierLabel | undefined;
    if (result.state === 'created' && !result.noLabel)
      label = result.label ?? (await adapter.label(account, result.externalId, format, io));
    await recordResult(ctx, node, w, carrier, result, label);
  } catch (e) {
    const name = carrier?.account.name ?? w.carrierAccountId ?? 'the carrier';
    if (e instanceof CarrierError && e.transient) return backOff(ctx, node, w, e.message, e.retryAfterMs);
    if (e instanceof CarrierError || e instanceof AppError) {
      return stopWithAlert(
        ctx,
        node,
        w,
        carrier?.adapter.kind ?? 'pending',
        `${name} could not make the label for parcel ${w.parcelCode ?? w.id}: ${e.message}`,
      );
    }
    ctx.log.warn({ err: e, shipmentId: w.id }, 'label step failed');
    return backOff(ctx, node, w, `the label step failed: ${(e as Error).message}`);
  }
}

async function recordResult(
  ctx: Ctx,
  node: string,
  w: ShipmentWork,
  carrier: LiveCarrier,
  result: CreateResult,
  label: CarrierLabel | undefined,
): Promise<void> {
  const now = new Date();
  const leftOver = await inTransaction(ctx.ds, async (m) => {
    // A step that outlived its lease lets the node that took over write (the create was retry-safe).
    if (!(await holdsLease(m, w.id, node))) return null;
    const head = await lockShipmentHead(m, w.id);
    if (!head) return null;
    if (!isOpen(head.status)) {
      // Cancelled while the carrier was making it: what the carrier made is cancelled there, after commit.
      await endStep(m, w.id, node, { nextActionAt: null });
      return result.state === 'rejected' ? null : result.externalId;
    }
    if (result.state === 'created') {
      // The step ends first: a print problem noted by `created` must stay on the shipment.
      await endStep(m, w.id, node, { nextActionAt: null, lastError: null, attempts: 'reset' });
      await created(m, ctx, head, carrier, result, label, now);
    } else if (result.state === 'pending') {
      await recordCarrierIds(m, w.id, { externalId: result.externalId });
      if (head.status === 'draft') {
        await moveShipment(
          m,
          head,
          'label_pending',
          {
            source: 'label',
            carrierCode: 'label_pending',
            carrierText: `${carrier.account.name} is making the label`,
            occurredAt: now,
            dedupeKey: `label:pending:${now.toISOString()}`,
          },
          SYSTEM_ACTOR,
        );
      }
      await endStep(m, w.id, node, {
        nextActionAt: new Date(now.getTime() + (result.retryAfterMs ?? PENDING_CHECK_MS)),
        lastError: null,
        attempts: 'reset',
      });
    } else {
      if (head.status === 'label_pending') {
        await moveShipment(
          m,
          head,
          'draft',
          {
            source: 'label',
            carrierCode: 'label_rejected',
            carrierText: result.reason,
            reason: 'label_rejected',
            occurredAt: now,
            dedupeKey: `label:rejected:${now.toISOString()}`,
          },
          SYSTEM_ACTOR,
        );
      }
      const detail = `${carrier.account.name} refused the label for parcel ${w.parcelCode ?? w.id}: ${result.reason}`;
      await endStep(m, w.id, node, { nextActionAt: null, lastError: detail, attempts: 'count' });
      await raiseAlert(m, head, 'label_rejected', detail);
    }
    return null;
  });
  if (leftOver && carrier.adapter.capabilities.cancel) {
    await carrier.adapter
      .cancel(carrier.account, leftOver, carrier.io)
      .catch((err: unknown) =>
        ctx.log.warn({ err, shipmentId: w.id, externalId: leftOver }, 'could not cancel a label bought for a cancelled shipment'),
      );
  }
}

async function created(
  m: Tx,
  ctx: Ctx,
  head: ShipmentHead,
  carrier: LiveCarrier,
  result: Extract<CreateResult, { state: 'created' }>,
  label: CarrierLabel | undefined,
  now: Date,
): Promise<void> {
  const trackingUrl = result.trackingUrl ?? carrier.adapter.trackingUrl?.(result.trackingNumber) ?? null;
  await recordCarrierIds(m, head.id, {
    externalId: result.externalId,
    trackingNumber: result.trackingNumber,
    trackingUrl,
    labelFormat: label?.format ?? null,
    noLabel: !!result.noLabel,
  });
  if (label) await storeLabel(m, head.id, label);
  head.trackingNumber = result.trackingNumber;
  await moveShipment(
    m,
    head,
    'ready',
    {
      source: 'label',
      carrierCode: 'label_created',
      carrierText: `${carrier.account.name}: ${result.noLabel ? 'shipment created (no label)' : 'label created'}, tracking ${result.trackingNumber}`,
      occurredAt: now,
      dedupeKey: 'label:ready',
    },
    SYSTEM_ACTOR,
  );
  await startTracking(m, head.id);
  await resolveAlerts(m, head, SYSTEM_ACTOR.name, ['label_rejected']);
  await printAfterLabel(m, ctx, head.id, SYSTEM_ACTOR);
}

/** Prints the new label; a printing problem (unknown station) never undoes the label bought: it is noted on the shipment. */
async function printAfterLabel(m: Tx, ctx: Ctx, shipmentId: string, actor: Actor): Promise<void> {
  await savepoint(m, 'label_print');
  try {
    await printShipmentLabel(m, shipmentId, { fallbackStation: ctx.config.stationId, actor });
    await releaseSavepoint(m, 'label_print');
  } catch (e) {
    await rollbackToSavepoint(m, 'label_print');
    await noteShipmentError(m, shipmentId, `label bought, but it did not print: ${(e as Error).message}`);
  }
}

/** Re-reads a shipment for its step (null when it is no longer open). */
export async function openWork(ctx: Ctx, id: string): Promise<ShipmentWork | null> {
  const w = await shipmentWork(ctx.ds.manager, id);
  return w && isOpen(w.status) ? w : null;
}
