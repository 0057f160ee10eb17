import type { CarrierAccountConfig, InboundCarrierRequest, ShipmentRequest } from '../../../src/engine/ports/carrier.port';
import type { CarrierHarness, HarnessRun } from './harness';
import { startMercadoEnviosServer, type MercadoEnviosServer } from './mercadoenvios-server';

/**
 * The Mercado Envíos harness: ML's loopback server and an account pointing at it. ML makes the
 * shipment with the sale, so `shipmentRequest(reference)` makes that sale's shipment at the server
 * (the same reference is the same sale) and names it in `external.mlShipmentId`; `purchases()` counts
 * those shipments — the adapter never buys one, so a retry cannot either. Labels are "async": a
 * shipment is `handling` until `settleLabels` makes it ready to print (or ML cancels it).
 */

export type MercadoEnviosRun = HarnessRun & { server: MercadoEnviosServer; webhookToken: string };

const ADDRESS = {
  name: 'Depósito Palermo',
  line1: 'Av. Santa Fe 3253',
  city: 'Buenos Aires',
  region: 'AR-C',
  postalCode: '1425',
  country: 'AR',
};

export async function startMercadoEnviosRun(): Promise<MercadoEnviosRun> {
  const server = await startMercadoEnviosServer();
  const webhookToken = 'ml-hook-7f3a9c2e5b1d';
  const account: CarrierAccountConfig = {
    id: `ml-test-${Math.random().toString(36).slice(2, 8)}`,
    kind: 'mercadoenvios',
    name: 'Mercado Envíos (loopback)',
    settings: { apiBaseUrl: server.url, applicationId: server.appId, sellerId: server.sellerId },
    secrets: { clientSecret: server.clientSecret, refreshToken: server.refreshToken, accessToken: server.accessToken, webhookToken },
  };
  const badCredentials: CarrierAccountConfig = {
    ...account,
    id: `${account.id}-bad`,
    secrets: { ...account.secrets, accessToken: 'APP_USR-not-a-token', refreshToken: 'TG-not-a-token' },
  };
  const shipmentRequest = (reference: string): ShipmentRequest => {
    const s = server.addShipment(reference);
    return {
      reference,
      orderNumber: 1042,
      service: 'me2',
      from: ADDRESS,
      to: { name: 'Lucía Fernández', line1: 'Av. Colón 1234', city: 'Córdoba', region: 'AR-X', postalCode: '5000', country: 'AR' },
      parcel: { weightGrams: 1200, lengthMm: 300, widthMm: 200, heightMm: 100 },
      declaredValue: { amount: 45_000, currency: 'ARS' },
      labelFormat: 'zpl',
      external: { mlShipmentId: s.id },
    };
  };
  const webhook = (trackingNumber: string): InboundCarrierRequest => {
    const body = {
      _id: `f1c2-${trackingNumber}`,
      resource: `/shipments/${trackingNumber}`,
      user_id: Number(server.sellerId),
      topic: 'shipments',
      application_id: Number(server.appId),
      attempts: 1,
      sent: new Date().toISOString(),
      received: new Date().toISOString(),
    };
    return {
      method: 'POST',
      path: `/webhook?token=${webhookToken}`,
      headers: { 'content-type': 'application/json' },
      rawBody: Buffer.from(JSON.stringify(body)),
      receivedAt: new Date(),
    };
  };
  const SCANS = {
    in_transit: ['shipped', null],
    out_for_delivery: ['shipped', 'out_for_delivery'],
    attempt_failed: ['shipped', 'receiver_absent'],
    delivered: ['delivered', null],
  } as const;
  return {
    server,
    webhookToken,
    account,
    badCredentials,
    failNext: (failure, opts) => server.faults.push(failure, opts),
    shipmentRequest,
    scan: (tn, to) => Promise.resolve(server.move(tn, SCANS[to][0], SCANS[to][1])),
    // A main status ML has not documented (yet): kept raw, status null.
    scanUnknown: (tn) => Promise.resolve(server.move(tn, 'in_orbit', 'lunar_hub')),
    settleLabels: (outcome) => {
      for (const s of server.shipments.values()) {
        if (s.status !== 'handling') continue;
        if (outcome === 'created') server.move(s.id, 'ready_to_ship', 'ready_to_print');
        else server.move(s.id, 'cancelled', null);
      }
      return Promise.resolve();
    },
    webhook,
    purchases: () => server.shipments.size,
    stop: () => server.close(),
  };
}

export function mercadoEnviosHarness(): CarrierHarness {
  return { kind: 'mercadoenvios', start: startMercadoEnviosRun };
}
