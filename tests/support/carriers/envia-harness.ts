import type { CarrierAccountConfig, InboundCarrierRequest, ShipmentRequest } from '../../../src/engine/ports/carrier.port';
import { startEnviaServer, type EnviaServer } from './envia-server';
import type { CarrierHarness, HarnessRun } from './harness';

/**
 * The Envia harness: the loopback Shipping + Queries API and an account quoting Estafeta and FedEx.
 * Scans add events in the words Mexican carriers use (what the adapter reads) and move the status name.
 */

export type EnviaRun = HarnessRun & { server: EnviaServer; webhookToken: string };

const SCANS = {
  in_transit: [{ id: 2, name: 'In transit' }, 'En tránsito — salida del centro de distribución'],
  out_for_delivery: [{ id: 7, name: 'Out for delivery' }, 'En ruta de entrega'],
  attempt_failed: [{ id: 10, name: 'Delivery attempt' }, 'Intento de entrega: destinatario ausente'],
  delivered: [{ id: 3, name: 'Delivered' }, 'Entregado. Recibió: Luis Pérez'],
} as const;

export async function startEnviaRun(): Promise<EnviaRun> {
  const server = await startEnviaServer();
  const webhookToken = 'envia-hook-91c04d7e';
  const account: CarrierAccountConfig = {
    id: `envia-test-${Math.random().toString(36).slice(2, 8)}`,
    kind: 'envia',
    name: 'Envia (loopback)',
    settings: { apiBaseUrl: server.url, queriesBaseUrl: server.url, carriers: 'estafeta, fedex' },
    secrets: { apiToken: server.token, webhookToken },
  };
  const badCredentials: CarrierAccountConfig = {
    ...account,
    id: `${account.id}-bad`,
    secrets: { ...account.secrets, apiToken: 'not-the-token' },
  };
  const shipmentRequest = (reference: string): ShipmentRequest => ({
    reference,
    orderNumber: 2077,
    service: 'estafeta:ground',
    from: {
      name: 'Almacén Monterrey',
      line1: 'Av. Vasconcelos 1400',
      city: 'San Pedro Garza García',
      region: 'MX-NL',
      postalCode: '66236',
      country: 'MX',
      phone: '8116300800',
      email: 'almacen@example.mx',
    },
    to: {
      name: 'Luis Pérez',
      line1: 'Insurgentes Sur 1602 int. 4',
      city: 'Ciudad de México',
      region: 'MX-CMX',
      postalCode: '03100',
      country: 'MX',
      phone: '5511111111',
    },
    parcel: { weightGrams: 2500, lengthMm: 300, widthMm: 200, heightMm: 100 },
    declaredValue: { amount: 1200, currency: 'MXN' },
    labelFormat: 'pdf',
  });
  const webhook = (trackingNumber: string): InboundCarrierRequest => ({
    method: 'POST',
    path: `/webhook?token=${webhookToken}`,
    headers: { 'content-type': 'application/json' },
    rawBody: Buffer.from(
      JSON.stringify({ carrierName: 'estafeta', trackingNumber, status: 'In transit', statusId: 2, date: new Date().toISOString() }),
    ),
    receivedAt: new Date(),
  });
  return {
    server,
    webhookToken,
    account,
    badCredentials,
    failNext: (failure, opts) => server.faults.push(failure, opts),
    shipmentRequest,
    scan: (tn, to) => Promise.resolve(server.scan(tn, SCANS[to][0], SCANS[to][1])),
    scanUnknown: (tn) => Promise.resolve(server.scan(tn, null, 'Código XJ9 sin descripción')),
    webhook,
    purchases: () => server.purchases(),
    stop: () => server.close(),
  };
}

export function enviaHarness(): CarrierHarness {
  return { kind: 'envia', start: startEnviaRun };
}
