import type { CarrierAccountConfig, ShipmentRequest } from '../../../src/engine/ports/carrier.port';
import { startAndreaniServer, type AndreaniServer, type AndreaniServerOptions } from './andreani-server';
import type { CarrierHarness, HarnessRun } from './harness';

/** An Andreani account whose settings point at a loopback Andreani. */
export function andreaniAccount(server: Pick<AndreaniServer, 'url'>, overrides: Partial<CarrierAccountConfig> = {}): CarrierAccountConfig {
  return {
    id: 'andreani-test',
    kind: 'andreani',
    name: 'Andreani (loopback)',
    settings: {
      baseUrl: server.url,
      clientCode: 'CL0001234',
      contract: '400006709',
      urgentContract: '400006711',
      senderTaxId: '30-71234567-8',
    },
    secrets: { username: 'atalaya-api', password: 'Clave-Andreani-1' },
    ...overrides,
  };
}

/** A home delivery from a Buenos Aires store to Córdoba. */
export function andreaniShipmentRequest(reference: string): ShipmentRequest {
  return {
    reference,
    orderNumber: 1042,
    service: 'standard',
    from: {
      name: 'Atalaya Palermo',
      line1: 'Av. Santa Fe 3253',
      city: 'CABA',
      region: 'AR-C',
      postalCode: 'C1425BGH',
      country: 'AR',
      phone: '+54 11 4822-0000',
      email: 'palermo@atalaya.test',
    },
    to: {
      name: 'Juana María Gonzalez',
      line1: 'Bv. San Juan 450 piso 3 B',
      city: 'Córdoba',
      region: 'Córdoba',
      postalCode: '5000',
      country: 'AR',
      phone: '+54 351 555-0101',
      email: 'juana@example.test',
    },
    parcel: { weightGrams: 1_250, lengthMm: 300, widthMm: 200, heightMm: 100 },
    declaredValue: { amount: 45_000, currency: 'ARS' },
    labelFormat: 'pdf',
  };
}

/** The conformance suite's view of a loopback Andreani (async labels, as the real one). */
export function andreaniHarness(opts: AndreaniServerOptions = {}): CarrierHarness {
  return {
    kind: 'andreani',
    async start(): Promise<HarnessRun> {
      const server = await startAndreaniServer(opts);
      const account = andreaniAccount(server);
      return {
        account,
        badCredentials: andreaniAccount(server, { secrets: { username: 'atalaya-api', password: 'not-the-password' } }),
        failNext: (f, o) => server.failNext(f, o),
        shipmentRequest: andreaniShipmentRequest,
        scan: (tn, to) => {
          const t = {
            in_transit: { Estado: 'Ingreso al circuito operativo', EstadoId: 5 },
            out_for_delivery: { Estado: 'En distribución', EstadoId: 6, Traduccion: 'ENVIO CON SALIDA A REPARTO' },
            attempt_failed: { Estado: 'Visita', EstadoId: 11, Motivo: 'No se encuentra el titular', MotivoId: 36 },
            delivered: { Estado: 'Entregado', EstadoId: 18, Traduccion: 'ENVIO ENTREGADO' },
          }[to];
          server.addTraza(tn, t);
          return Promise.resolve();
        },
        scanUnknown: (tn) => {
          server.addTraza(tn, { Estado: 'Reprogramación por contingencia climática', EstadoId: 977 });
          return Promise.resolve();
        },
        settleLabels: (outcome) => {
          server.settle(outcome);
          return Promise.resolve();
        },
        purchases: () => server.purchases(),
        stop: () => server.close(),
      };
    },
  };
}
