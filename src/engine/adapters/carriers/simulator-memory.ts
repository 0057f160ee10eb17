import type { CarrierAddress } from '../../ports/carrier.port';

/**
 * What the simulator remembers in this process — a sandbox's shortcut, said plainly: the journey
 * itself needs no memory (it is a function of the tracking number and the clock), but three things
 * do, and they live here, per engine process, bounded:
 * - references already bought, so a create retried after a timeout answers the first shipment
 *   instead of buying a second (another node would buy again);
 * - cancellations (another node, or a restart, forgets them and the parcel travels on);
 * - the addresses of the create call, for labels asked for later (without them a label shows the
 *   destination postcode only).
 */
export interface SimulatorShipmentMeta {
  reference: string;
  orderNumber: number;
  from: CarrierAddress;
  to: CarrierAddress;
  labelFormat: 'zpl' | 'pdf';
}

const LIMIT = 50_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  // Maps iterate in insertion order: the first key is the oldest.
  if (map.size > LIMIT) map.delete(map.keys().next().value as K);
}

export class SimulatorMemory {
  private readonly byReference = new Map<string, string>();
  private readonly cancelled = new Map<string, Date>();
  private readonly meta = new Map<string, SimulatorShipmentMeta>();

  bought(accountId: string, reference: string): string | undefined {
    return this.byReference.get(`${accountId}\u0000${reference}`);
  }

  buy(accountId: string, externalId: string, meta: SimulatorShipmentMeta): void {
    remember(this.byReference, `${accountId}\u0000${meta.reference}`, externalId);
    remember(this.meta, externalId, meta);
  }

  /** Shipments bought for an account in this process (tests: "a retry never buys twice"). */
  purchases(accountId: string): number {
    let n = 0;
    for (const k of this.byReference.keys()) if (k.startsWith(`${accountId}\u0000`)) n++;
    return n;
  }

  metaOf(externalId: string): SimulatorShipmentMeta | undefined {
    return this.meta.get(externalId);
  }

  cancelledAt(externalId: string): Date | undefined {
    return this.cancelled.get(externalId);
  }

  cancel(externalId: string, at: Date): void {
    remember(this.cancelled, externalId, at);
  }
}
