import { createHmac } from 'node:crypto';
import type { CarrierAccountConfig, InboundCarrierRequest, ShipmentRequest } from '../../../src/engine/ports/carrier.port';
import type { CarrierHarness, HarnessRun } from './harness';
import { startMelhorEnvioServer, type MelhorEnvioServer } from './melhorenvio-server';

/**
 * The Melhor Envio harness: the loopback API v2 and an account pointing at it. `purchases()` counts
 * checkouts (labels paid). Scans move the order through Melhor Envio's own statuses — which have no
 * out-for-delivery step: asked for one, the harness says so rather than inventing a status the API
 * does not have.
 */

export type MelhorEnvioRun = HarnessRun & { server: MelhorEnvioServer };

const SCANS = { in_transit: 'posted', attempt_failed: 'undelivered', delivered: 'delivered' } as const;

export async function startMelhorEnvioRun(): Promise<MelhorEnvioRun> {
  const server = await startMelhorEnvioServer();
  const account: CarrierAccountConfig = {
    id: `me-test-${Math.random().toString(36).slice(2, 8)}`,
    kind: 'melhorenvio',
    name: 'Melhor Envio (loopback)',
    settings: { apiBaseUrl: server.url, userAgent: server.userAgent, senderDocument: '11.222.333/0001-81' },
    secrets: { accessToken: server.token, clientSecret: server.clientSecret },
  };
  const badCredentials: CarrierAccountConfig = {
    ...account,
    id: `${account.id}-bad`,
    secrets: { ...account.secrets, accessToken: 'me-token-wrong' },
  };
  const shipmentRequest = (reference: string): ShipmentRequest => ({
    reference,
    orderNumber: 3301,
    service: '1',
    from: {
      name: 'CD São Paulo',
      line1: 'Rua Augusta 1500',
      city: 'São Paulo',
      region: 'BR-SP',
      postalCode: '01304-001',
      country: 'BR',
      phone: '(11) 3333-4444',
      email: 'cd@example.com.br',
    },
    to: {
      name: 'Ana Souza',
      line1: 'Rua Paracatu, 60, apto 12',
      city: 'Belo Horizonte',
      region: 'BR-MG',
      postalCode: '30180-090',
      country: 'BR',
      phone: '31 98888-7777',
    },
    parcel: { weightGrams: 800, lengthMm: 250, widthMm: 180, heightMm: 90 },
    declaredValue: { amount: 189.9, currency: 'BRL' },
    labelFormat: 'pdf',
    external: { recipientDocument: '529.982.247-25' },
  });
  const webhook = (trackingNumber: string): InboundCarrierRequest => {
    const o = server.orders.get(trackingNumber);
    const raw = Buffer.from(
      JSON.stringify({
        event: 'order.posted',
        data: { id: trackingNumber, protocol: o?.protocol ?? null, status: 'posted', tracking: o?.tracking ?? null },
      }),
    );
    return {
      method: 'POST',
      path: '/webhook',
      headers: {
        'content-type': 'application/json',
        'x-me-signature': createHmac('sha256', server.clientSecret).update(raw).digest('base64'),
      },
      rawBody: raw,
      receivedAt: new Date(),
    };
  };
  return {
    server,
    account,
    badCredentials,
    failNext: (failure, opts) => server.faults.push(failure, opts),
    shipmentRequest,
    // Milestones only: an undelivered status is replaced by the next one (it has no time of its own).
    trackingSteps: ['in_transit', 'delivered'],
    scan: (tn, to) => {
      if (to === 'out_for_delivery') {
        return Promise.reject(
          new Error(
            "Melhor Envio's tracking has no out-for-delivery status (its statuses: pending, released, generated, received, posted, delivered, undelivered, canceled, paused, suspended): the scan cannot be made",
          ),
        );
      }
      server.move(tn, SCANS[to]);
      return Promise.resolve();
    },
    scanUnknown: (tn) => Promise.resolve(server.move(tn, 'in_quarantine')),
    settleLabels: (outcome) => Promise.resolve(server.settle(outcome)),
    webhook,
    purchases: () => server.purchases(),
    stop: () => server.close(),
  };
}

export function melhorEnvioHarness(): CarrierHarness {
  return { kind: 'melhorenvio', start: startMelhorEnvioRun };
}
