import type { CarrierAccountConfig, ShipmentRequest } from '../../../src/engine/ports/carrier.port';
import type { CarrierHarness, HarnessRun } from './harness';
import { startOcaServer, type OcaServer, type OcaServerOptions } from './oca-server';

/** An OCA e-Pak account whose baseUrl is a loopback OCA. */
export function ocaAccount(server: Pick<OcaServer, 'asmx'>, overrides: Partial<CarrierAccountConfig> = {}): CarrierAccountConfig {
  return {
    id: 'oca-test',
    kind: 'oca',
    name: 'OCA (loopback)',
    settings: { baseUrl: server.asmx, cuit: '30536259194', accountNumber: '111757/001', operativa: '64665', priorityOperativa: '62342' },
    secrets: { username: 'epak@atalaya.test', password: 'Clave-OCA-1' },
    ...overrides,
  };
}

/** A home delivery from a Buenos Aires store to Córdoba. */
export function ocaShipmentRequest(reference: string): ShipmentRequest {
  return {
    reference,
    orderNumber: 2077,
    service: 'standard',
    from: {
      name: 'Atalaya Palermo',
      line1: 'Av. Santa Fe 3253',
      city: 'CABA',
      region: 'AR-C',
      postalCode: 'C1425BGH',
      country: 'AR',
      email: 'palermo@atalaya.test',
    },
    to: {
      name: 'Martín Fernández',
      line1: 'Bv. San Juan 450 piso 3 B',
      city: 'Córdoba',
      region: 'Córdoba',
      postalCode: '5000',
      country: 'AR',
      phone: '+54 351 555-0101',
      email: 'martin@example.test',
    },
    parcel: { weightGrams: 1_250, lengthMm: 300, widthMm: 200, heightMm: 100 },
    declaredValue: { amount: 45_000, currency: 'ARS' },
    labelFormat: 'zpl',
  };
}

/** The conformance suite's view of a loopback OCA e-Pak (labels made with the shipment). */
export function ocaHarness(opts: OcaServerOptions = {}): CarrierHarness {
  return {
    kind: 'oca',
    async start(): Promise<HarnessRun> {
      const server = await startOcaServer(opts);
      return {
        account: ocaAccount(server),
        badCredentials: ocaAccount(server, { secrets: { username: 'epak@atalaya.test', password: 'not-the-password' } }),
        failNext: (f, o) => server.failNext(f, o),
        shipmentRequest: ocaShipmentRequest,
        scan: (tn, to) => {
          const [estado, motivo] = {
            in_transit: ['Despachada a Sucursal Destino', undefined],
            out_for_delivery: ['En Calle', undefined],
            attempt_failed: ['Visita', 'Ausente'],
            delivered: ['Entregada', undefined],
          }[to];
          server.addEvent(tn, estado!, motivo);
          return Promise.resolve();
        },
        scanUnknown: (tn) => {
          server.addEvent(tn, 'Redireccionada por contingencia');
          return Promise.resolve();
        },
        purchases: () => server.purchases(),
        stop: () => server.close(),
      };
    },
  };
}
