import { createHash, randomUUID } from 'node:crypto';
import { AppError, type Actor, type Manifest, type ParsedInputOf } from '../../../../shared';
import { inTransaction, withSessionLock } from '../../../db/data-source';
import type { ModuleContext } from '../../../kernel/context';
import { carrierFailure } from '../carrier-failure';
import { carrierFor } from '../carrier-runtime';
import { originAddress } from '../label-policy';
import { lockShipmentHead, moveShipment } from '../shipment-status.store';
import { insertManifest, locationPlace, readyForCloseOut } from '../shipments.store';
import { getShippingPolicy } from '../shipping-policy.store';

/**
 * Close-out: a location's ready shipments for one carrier account are handed over as a manifest —
 * at the carrier when it has a close-out call (else recorded here only) — and move to
 * `manifested`; a pickup is booked with the carrier when asked and it can. One close-out per
 * account and location at a time (a session lock), so two people at the dock do not send two.
 */

type Ctx = Pick<ModuleContext, 'ds' | 'config' | 'log'>;

/** The advisory lock key of one account at one location. */
const lockKey = (accountId: string, locationId: string) =>
  createHash('sha256').update(`close-out|${accountId}|${locationId}`).digest().readInt32BE(0);

/** Today's date at the location's time zone, as a carrier books pickups (YYYY-MM-DD). */
const localDate = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Argentina/Buenos_Aires' }).format(now);

export async function closeOut(ctx: Ctx, input: ParsedInputOf<'shipping.manifest'>, actor: Actor): Promise<Manifest> {
  const location = await locationPlace(ctx.ds.manager, input.locationId);
  if (!location)
    throw new AppError('NOT_FOUND', `No location ${input.locationId}`, [{ path: 'locationId', message: 'pick one of your locations' }]);
  const c = await carrierFor(ctx, input.carrierAccountId);
  const caps = c.adapter.capabilities;
  if (input.bookPickup && !(caps.pickupBooking && c.adapter.bookPickup)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${c.account.name} does not book pickups through Atalaya: book it with the carrier, or close out without a pickup`,
      [{ path: 'bookPickup', message: 'set it to false for this carrier' }],
    );
  }
  const done = await withSessionLock(ctx.ds, lockKey(c.account.id, location.id), async () => {
    const ready = await readyForCloseOut(ctx.ds.manager, location.id, c.account.id);
    if (!ready.length) {
      throw new AppError('VALIDATION_FAILED', `No ready shipments of ${c.account.name} at ${location.name} to close out`, [
        { path: 'carrierAccountId', message: 'labels that are bought and not yet handed over close out here' },
      ]);
    }
    const externalIds = ready.map((r) => r.externalId).filter((x): x is string => !!x);
    let externalId: string | null = null;
    let pickup: string | null = null;
    try {
      if (caps.manifest && c.adapter.manifest) externalId = (await c.adapter.manifest(c.account, externalIds, c.io)).manifestId;
      if (input.bookPickup && c.adapter.bookPickup) {
        const country = (await getShippingPolicy(ctx.ds.manager)).holidayCountry;
        pickup = (
          await c.adapter.bookPickup(
            c.account,
            { from: originAddress(location, country), date: localDate(new Date()), parcels: ready.length, externalIds },
            c.io,
          )
        ).confirmation;
      }
    } catch (e) {
      throw carrierFailure(e);
    }
    const id = randomUUID();
    return inTransaction(ctx.ds, async (m) => {
      const moved: string[] = [];
      const now = new Date();
      for (const r of ready) {
        const head = await lockShipmentHead(m, r.id);
        if (head?.status !== 'ready') continue;
        await moveShipment(
          m,
          head,
          'manifested',
          {
            source: 'manual',
            carrierCode: 'manifested',
            carrierText: `Closed out by ${actor.name}${externalId ? ` in ${c.account.name} manifest ${externalId}` : ''}${pickup ? `; pickup ${pickup}` : ''}`,
            occurredAt: now,
            dedupeKey: `manifest:${id}`,
          },
          actor,
        );
        moved.push(r.id);
      }
      const createdAt = await insertManifest(m, {
        id,
        accountId: c.account.id,
        locationId: location.id,
        externalId,
        shipmentIds: moved,
        pickup,
        by: actor.name,
      });
      return {
        id,
        carrierAccountId: c.account.id,
        locationId: location.id,
        externalId,
        shipments: moved.length,
        pickupConfirmation: pickup,
        createdBy: actor.name,
        createdAt: createdAt.toISOString(),
      };
    });
  });
  if (!done) {
    throw new AppError(
      'UNAVAILABLE',
      `A close-out of ${c.account.name} at ${location.name} is under way: wait for it to finish`,
      undefined,
      5,
    );
  }
  return done;
}
