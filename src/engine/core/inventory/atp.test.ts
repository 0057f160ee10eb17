import { describe, expect, it } from 'vitest';
import { computeAtp, locationAtp, locationAtpForChannel, promiseDate, type StockPosition } from './atp';

const now = new Date('2026-11-25T12:00:00Z');
const day = (d: number) => new Date(now.getTime() + d * 86_400_000);
const pos = (locationId: string, onHand: number, reserved = 0, safety = 0, fences: Record<string, number> = {}): StockPosition => ({
  locationId,
  onHand,
  reserved,
  safety,
  fences,
});

describe('location ATP', () => {
  it('is on hand less reserved less safety, never negative', () => {
    expect(locationAtp(pos('a', 10, 3, 2))).toBe(5);
    expect(locationAtp(pos('a', 3, 2, 5))).toBe(0);
  });
  it('ring-fenced units are promisable only to their channel', () => {
    const p = pos('a', 10, 2, 1, { mercadolibre: 4, web: 1 });
    expect(locationAtpForChannel(p, 'mercadolibre')).toBe(10 - 2 - 1 - 1);
    expect(locationAtpForChannel(p, 'web')).toBe(10 - 2 - 1 - 4);
    expect(locationAtpForChannel(p, 'shopify')).toBe(10 - 2 - 1 - 5);
    expect(locationAtpForChannel(pos('a', 3, 0, 0, { vtex: 9 }), 'web')).toBe(0);
  });
});

describe('promise date', () => {
  it('is now when ATP covers the quantity, else the first receipt that makes it, else null', () => {
    const inbound = [
      { quantity: 5, expectedAt: day(7) },
      { quantity: 2, expectedAt: day(3) },
    ];
    expect(promiseDate(4, 4, inbound, now)).toEqual(now);
    expect(promiseDate(4, 6, inbound, now)).toEqual(day(3));
    expect(promiseDate(4, 11, inbound, now)).toEqual(day(7));
    expect(promiseDate(4, 12, inbound, now)).toBeNull();
  });
  it('an overdue receipt promises now, not in the past', () => {
    expect(promiseDate(0, 1, [{ quantity: 1, expectedAt: day(-2) }], now)).toEqual(now);
  });
});

describe('computeAtp', () => {
  const positions = [pos('a', 10, 2, 1, { mercadolibre: 3 }), pos('b', 4, 0, 0), pos('c', 1, 1, 0)];
  const inbound = [{ locationId: 'b', quantity: 20, expectedAt: day(5) }];

  it('answers per location, network (less network safety) and channel (less channel safety and others\u2019 fences)', () => {
    const a = computeAtp(positions, inbound, { networkSafety: 2, channelSafety: { web: 1 } }, ['web', 'mercadolibre'], 1, now);
    expect(a.locations.map((l) => [l.locationId, l.atp, l.ringFenced, l.inbound])).toEqual([
      ['a', 7, 3, 0],
      ['b', 4, 0, 20],
      ['c', 0, 0, 0],
    ]);
    expect(a.network).toMatchObject({ atp: 11 - 2, safety: 2, inbound: 20 });
    const web = a.channels.find((c) => c.channel === 'web')!;
    expect(web).toMatchObject({ atp: 4 + 4 - 3, safety: 3, fenced: 3 });
    const ml = a.channels.find((c) => c.channel === 'mercadolibre')!;
    expect(ml).toMatchObject({ atp: 11 - 2, safety: 2, fenced: 0 });
  });

  it('gives the inbound date when the quantity needs the receipt', () => {
    const a = computeAtp(positions, inbound, { networkSafety: 0, channelSafety: {} }, ['web'], 15, now);
    expect(a.network.promiseDate).toEqual(day(5));
    expect(a.locations.find((l) => l.locationId === 'b')!.promiseDate).toEqual(day(5));
    expect(a.locations.find((l) => l.locationId === 'a')!.promiseDate).toBeNull();
    expect(a.channels[0]!.promiseDate).toEqual(day(5));
  });

  it('scarcity: a fence bigger than the stock leaves other channels nothing', () => {
    const a = computeAtp([pos('a', 3, 0, 0, { vtex: 5 })], [], { networkSafety: 0, channelSafety: {} }, ['web', 'vtex'], 1, now);
    expect(a.channels.map((c) => [c.channel, c.atp])).toEqual([
      ['web', 0],
      ['vtex', 3],
    ]);
  });
});
