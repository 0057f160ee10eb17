/**
 * Available-to-promise maths, pure. A location can promise `on hand − reserved − safety`; units
 * ring-fenced there for a channel are promisable only to that channel. The network promises the
 * sum over its locations less the network safety stock; a channel promises what it may see at each
 * location less the network and its own channel safety stock. Inbound receipts add to what can be
 * promised from their expected date: the promise date of a quantity is the first day enough is there.
 */

export interface StockPosition {
  locationId: string;
  onHand: number;
  reserved: number;
  safety: number;
  /** Ring-fenced units at this location, by channel. */
  fences: Readonly<Record<string, number>>;
}

export interface Inbound {
  locationId: string;
  quantity: number;
  expectedAt: Date;
}

export interface AtpPolicy {
  networkSafety: number;
  /** Extra safety stock held back from each channel's promise. */
  channelSafety: Readonly<Record<string, number>>;
}

export interface Promisable {
  atp: number;
  /** When `quantity` can be promised: now, an inbound date, or null (not with what is known). */
  promiseDate: Date | null;
}

export interface LocationAtp extends Promisable {
  locationId: string;
  onHand: number;
  reserved: number;
  safety: number;
  ringFenced: number;
  inbound: number;
}

export interface AtpAnswer {
  locations: LocationAtp[];
  network: Promisable & { safety: number; inbound: number };
  channels: (Promisable & { channel: string; safety: number; fenced: number })[];
}

const sum = (xs: Iterable<number>) => {
  let t = 0;
  for (const x of xs) t += x;
  return t;
};

/** What a location can promise to anyone (fences included: they are the network's too). */
export function locationAtp(p: StockPosition): number {
  return Math.max(0, p.onHand - p.reserved - p.safety);
}

/** What a location can promise to `channel`: its ATP less the units fenced for other channels. */
export function locationAtpForChannel(p: StockPosition, channel: string): number {
  const fenced = sum(Object.values(p.fences));
  const own = p.fences[channel] ?? 0;
  return Math.max(0, p.onHand - p.reserved - p.safety - (fenced - own));
}

/**
 * The first moment `quantity` is promisable given `atpNow` and inbound quantities by date (any
 * order); `now` when already there, null when even every known receipt is not enough.
 */
export function promiseDate(
  atpNow: number,
  quantity: number,
  inbound: readonly { quantity: number; expectedAt: Date }[],
  now: Date,
): Date | null {
  if (atpNow >= quantity) return now;
  let have = atpNow;
  for (const r of [...inbound].sort((a, b) => a.expectedAt.getTime() - b.expectedAt.getTime())) {
    have += r.quantity;
    if (have >= quantity) return r.expectedAt.getTime() < now.getTime() ? now : r.expectedAt;
  }
  return null;
}

/** ATP of one SKU per location, for the network and for every channel in `channels`. */
export function computeAtp(
  positions: readonly StockPosition[],
  inbound: readonly Inbound[],
  policy: AtpPolicy,
  channels: readonly string[],
  quantity: number,
  now: Date,
): AtpAnswer {
  const byLoc = new Map<string, Inbound[]>();
  for (const r of inbound) {
    const list = byLoc.get(r.locationId) ?? [];
    list.push(r);
    byLoc.set(r.locationId, list);
  }
  const locations: LocationAtp[] = positions.map((p) => {
    const atp = locationAtp(p);
    const incoming = byLoc.get(p.locationId) ?? [];
    return {
      locationId: p.locationId,
      onHand: p.onHand,
      reserved: p.reserved,
      safety: p.safety,
      ringFenced: sum(Object.values(p.fences)),
      inbound: sum(incoming.map((r) => r.quantity)),
      atp,
      promiseDate: promiseDate(atp, quantity, incoming, now),
    };
  });
  const networkAtp = Math.max(0, sum(locations.map((l) => l.atp)) - policy.networkSafety);
  const network = {
    atp: networkAtp,
    safety: policy.networkSafety,
    inbound: sum(inbound.map((r) => r.quantity)),
    promiseDate: promiseDate(networkAtp, quantity, inbound, now),
  };
  const channelAnswers = channels.map((channel) => {
    const safety = policy.networkSafety + (policy.channelSafety[channel] ?? 0);
    const visible = sum(positions.map((p) => locationAtpForChannel(p, channel)));
    const atp = Math.max(0, visible - safety);
    return {
      channel,
      safety,
      fenced: sum(positions.map((p) => locationAtp(p) - locationAtpForChannel(p, channel))),
      atp,
      promiseDate: promiseDate(atp, quantity, inbound, now),
    };
  });
  return { locations, network, channels: channelAnswers };
}
