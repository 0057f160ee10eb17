import { createHash } from 'node:crypto';
import { SHIPMENT_FINAL, type Branch } from '../../../shared';
import {
  CarrierError,
  type CarrierAccountConfig,
  type CarrierAdapter,
  type CarrierIo,
  type CarrierTrackingEvent,
  type CreateResult,
  type Quote,
} from '../../ports/carrier.port';
import { decodeSimulatorId, encodeSimulatorId, type SimulatorId } from './simulator-id';
import { SIMULATOR_CODES, eventsBy, simulatorJourney, type SimulatorJourney } from './simulator-journey';
import { simulatorLabel } from './simulator-label';
import { SimulatorMemory } from './simulator-memory';
import { planFor } from './simulator-rules';
import { verifySimulatorWebhook } from './simulator-webhook';
import { SIMULATOR_SERVICES, SIMULATOR_SETTINGS_SPEC, simulatorSettings, type SimulatorService } from './simulator-settings';

/**
 * The built-in sandbox carrier: no HTTP (`io.http` is never used). A shipment's journey is a pure
 * function of its tracking number and the clock (`io.now()` plus the account's `clockOffsetMs`), with
 * failures by destination postcode from the account's `rules` — see simulator-journey.ts and
 * simulator-rules.ts. The demo's carriers are simulator accounts; tests drive it with a clock.
 * Labels are synchronous, or asynchronous when the account's `labels` setting is `async` (hence the
 * capability `async`: a caller must expect `pending`).
 */

const memory = new SimulatorMemory();

const nowOf = (account: CarrierAccountConfig, io: CarrierIo) => new Date(io.now().getTime() + simulatorSettings(account).clockOffsetMs);

function idOrNotFound(account: CarrierAccountConfig, externalId: string): SimulatorId {
  const id = decodeSimulatorId(externalId);
  if (!id) {
    throw new CarrierError(
      `${account.name}: "${externalId}" is not a simulator shipment (they look like SIM-…-STD-1414-S7Q2F); check the tracking number`,
      'not_found',
    );
  }
  return id;
}

function journeyOf(account: CarrierAccountConfig, id: SimulatorId): SimulatorJourney {
  const s = simulatorSettings(account);
  return simulatorJourney(id, planFor(s.rules, id.postcode), s);
}

async function stateAt(account: CarrierAccountConfig, externalId: string, now: Date, withLabel: boolean): Promise<CreateResult> {
  const id = idOrNotFound(account, externalId);
  const journey = journeyOf(account, id);
  if (now.getTime() < journey.labelAt.getTime()) {
    return { state: 'pending', externalId, retryAfterMs: journey.labelAt.getTime() - now.getTime() };
  }
  if (journey.label === 'rejected') {
    return {
      state: 'rejected',
      externalId,
      reason: `${account.name} does not deliver to postcode ${id.postcode} (simulator rule "reject"); choose another carrier or correct the address`,
    };
  }
  const meta = memory.metaOf(externalId);
  const label = withLabel && meta ? await labelFor(account, externalId, id, meta.labelFormat) : undefined;
  return { state: 'created', externalId, trackingNumber: externalId, ...(label ? { label } : {}) };
}

function labelFor(account: CarrierAccountConfig, externalId: string, id: SimulatorId, format: 'zpl' | 'pdf') {
  const meta = memory.metaOf(externalId);
  return simulatorLabel(
    {
      carrierName: account.name,
      serviceName: SIMULATOR_SERVICES[id.service].name,
      trackingNumber: externalId,
      postcode: id.postcode,
      ...(meta ? { reference: meta.reference, orderNumber: meta.orderNumber, from: meta.from, to: meta.to } : {}),
    },
    format,
  );
}

function quote(account: CarrierAccountConfig, weightGrams: number): Quote[] {
  const s = simulatorSettings(account);
  const kg = Math.max(1, Math.ceil(weightGrams / 1000));
  return s.services.map((service) => {
    const svc = SIMULATOR_SERVICES[service];
    return {
      service,
      serviceName: svc.name,
      price: { amount: Math.round((s.priceBase + s.pricePerKg * kg) * svc.factor * 100) / 100, currency: s.currency },
      transitDays: svc.transitDays,
    };
  });
}

/** Runs `fn` as a promise: a CarrierError it throws becomes a rejection, as callers of the port expect. */
const attempt = <T>(fn: () => T | Promise<T>): Promise<T> => new Promise<T>((resolve) => resolve(fn()));

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase();

export const simulatorCarrier: CarrierAdapter = {
  kind: 'simulator',
  displayName: 'Simulador',
  capabilities: {
    quote: true,
    label: 'async',
    labelFormats: ['zpl', 'pdf'],
    cancel: true,
    manifest: true,
    pickupBooking: true,
    branches: true,
    webhook: true,
    polling: true,
  },
  settingsSpec: SIMULATOR_SETTINGS_SPEC,

  quote: (account, req) =>
    attempt(() =>
      quote(
        account,
        req.parcels.reduce((g, p) => g + p.weightGrams, 0),
      ),
    ),

  async createShipment(account, req, io) {
    const s = simulatorSettings(account);
    if (!s.services.includes(req.service as SimulatorService)) {
      throw new CarrierError(`${account.name}: service "${req.service}" is not offered; use one of ${s.services.join(', ')}`, 'invalid');
    }
    const now = nowOf(account, io);
    // A retry (after a timeout, on this node) answers the shipment the first call bought.
    const earlier = memory.bought(account.id, req.reference);
    if (earlier) return stateAt(account, earlier, now, true);
    const externalId = encodeSimulatorId({
      createdAt: now,
      service: req.service as SimulatorService,
      postcode: req.to.postalCode,
      labels: s.labels,
      reference: req.reference,
    });
    memory.buy(account.id, externalId, {
      reference: req.reference,
      orderNumber: req.orderNumber,
      from: req.from,
      to: req.to,
      labelFormat: req.labelFormat,
    });
    return stateAt(account, externalId, now, true);
  },

  checkShipment: (account, externalId, io) => stateAt(account, externalId, nowOf(account, io), true),

  async label(account, externalId, format, io) {
    const state = await stateAt(account, externalId, nowOf(account, io), false);
    if (state.state === 'pending') {
      throw new CarrierError(
        `${account.name}: the label of ${externalId} is not ready yet; check the shipment again later`,
        'unavailable',
        state.retryAfterMs,
      );
    }
    if (state.state === 'rejected') throw new CarrierError(`${account.name}: ${state.reason}`, 'invalid');
    return labelFor(account, externalId, idOrNotFound(account, externalId), format);
  },

  cancel: (account, externalId, io) =>
    attempt(() => {
      const id = idOrNotFound(account, externalId);
      if (memory.cancelledAt(externalId)) return { alreadyCancelled: true };
      const now = nowOf(account, io);
      const last = eventsBy(journeyOf(account, id), now).at(-1);
      if (last?.status && SHIPMENT_FINAL.includes(last.status)) {
        throw new CarrierError(`${account.name}: ${externalId} is already ${last.status}; it cannot be cancelled`, 'invalid');
      }
      memory.cancel(externalId, now);
      return { alreadyCancelled: false };
    }),

  manifest: (account, externalIds) =>
    attempt(() => {
      for (const e of externalIds) idOrNotFound(account, e);
      return { manifestId: `SIM-MF-${shortHash([...externalIds].sort().join(','))}` };
    }),

  bookPickup: (account, req) =>
    attempt(() => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(req.date)) {
        throw new CarrierError(`${account.name}: pickup date "${req.date}" is not YYYY-MM-DD; send the day as 2025-06-11`, 'invalid');
      }
      return { confirmation: `SIM-PU-${req.date.replaceAll('-', '')}-${shortHash(req.externalIds.join(','))}` };
    }),

  branches(_account, postalCode) {
    const pc = postalCode.toUpperCase().replace(/[^0-9A-Z]/g, '') || '0';
    const names = ['Centro', 'Norte', 'Sur'];
    const branches: Branch[] = names.map((n, i) => ({
      id: `SIM-BR-${pc}-${i + 1}`,
      name: `Sucursal ${n} ${pc}`,
      address: `Av. Simulada ${100 * (i + 1)}, CP ${pc}`,
      postalCode: pc,
      lat: null,
      lng: null,
    }));
    return Promise.resolve(branches);
  },

  track: (account, trackingNumbers, io) =>
    attempt(() => {
      const now = nowOf(account, io);
      const out: CarrierTrackingEvent[] = [];
      for (const tn of trackingNumbers) {
        const id = decodeSimulatorId(tn);
        if (!id) continue;
        for (const e of eventsBy(journeyOf(account, id), now, memory.cancelledAt(tn))) {
          // The normalisation table, as an adapter for a real carrier has one: a code outside it is kept raw, status null.
          const known = SIMULATOR_CODES[e.code];
          out.push({
            trackingNumber: tn,
            status: known?.status ?? null,
            reason: known?.reason ?? null,
            carrierCode: e.code,
            carrierText: e.text,
            occurredAt: e.at,
            location: e.location,
            ...(e.etaAt ? { etaAt: e.etaAt } : {}),
          });
        }
      }
      return out;
    }),

  verifyWebhook: (account, req) => verifySimulatorWebhook(account.secrets.webhookSecret, req),

  trackingUrl: () => undefined,
};

/** Shipments this process bought for an account (the conformance harness's `purchases()`). */
export function simulatorPurchases(accountId: string): number {
  return memory.purchases(accountId);
}

export { simulatorWebhook, verifySimulatorWebhook } from './simulator-webhook';
