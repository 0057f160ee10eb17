import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng, intBetween } from '../rng';
import { decide } from './decide';
import { DEFAULT_PROFILE_SPEC } from './default-profile';
import { StockIndex } from './stock-index';
import type { NetworkLocation, OrderToSource } from './types';

/**
 * Decisions pinned before the hot path was made cheaper: the same seeded network and orders must
 * give exactly the same decisions (strategy, method, ranked options with totals, every exclusion
 * reason, the eligible summary) as recorded in decide.pinned.json. Regenerate that file only for an
 * intended change of results: PIN_DECISIONS=write npx vitest run --project unit <this file>.
 */
const PINNED = join(__dirname, 'decide.pinned.json');

const OPENS_LATE: NetworkLocation['openingHours'] = { '3': { open: '13:00', close: '20:00' } };

function network(rng: () => number, n: number): NetworkLocation[] {
  return Array.from({ length: n }, (_, i): NetworkLocation => ({
    id: `L${String(i).padStart(4, '0')}`,
    name: `Location ${i}`,
    city: 'Pin',
    kind: i % 25 === 0 ? 'dc' : i % 7 === 0 ? 'dark_store' : 'store',
    lat: -22 - rng() * 20,
    lng: -57 - rng() * 12,
    active: rng() > 0.03,
    dailyCapacity: i % 25 === 0 ? 100_000 : 300,
    openingHours: i % 11 === 0 ? OPENS_LATE : {},
    carrierCutoff: i % 13 === 0 ? '11:00' : null,
    pickupCapable: i % 25 !== 0,
    channels: i % 17 === 0 ? ['pos'] : null,
    labourCostPerUnit: 50 + Math.floor(rng() * 300),
    assignedToday: i % 19 === 0 ? 300 : Math.floor(rng() * 200),
  }));
}

const sha = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);

function digest(): unknown[] {
  const rng = createRng(7);
  const locs = network(rng, 300);
  const stock = new StockIndex();
  const nSku = 3000;
  for (let s = 0; s < nSku; s++) {
    const holders = s < 30 ? intBetween(rng, 30, 120) : s < 300 ? intBetween(rng, 5, 20) : intBetween(rng, 1, 4);
    for (let h = 0; h < holders; h++) stock.set(locs[Math.floor(rng() * locs.length)]!.id, `S${s}`, intBetween(rng, 1, 12));
  }
  const now = new Date('2026-11-25T15:00:00Z');
  const out: unknown[] = [];
  for (let k = 0; k < 120; k++) {
    const n = intBetween(rng, 1, 5);
    const skus = new Set<string>();
    while (skus.size < n)
      skus.add(`S${rng() < 0.6 ? Math.floor(rng() * 30) : rng() < 0.75 ? Math.floor(rng() * 300) : Math.floor(rng() * nSku)}`);
    const order: OrderToSource = {
      channel: 'web',
      orderType: k % 9 === 0 ? 'pickup' : 'delivery',
      shipTo: { lat: -22 - rng() * 20, lng: -57 - rng() * 12 },
      lines: [...skus].map((sku) => ({
        sku,
        quantity: intBetween(rng, 1, 3),
        unitPrice: 2000 + Math.floor(rng() * 20_000),
        weightGrams: 200 + Math.floor(rng() * 3000),
      })),
    };
    const exclusions = k % 10 === 0 ? new Map([[locs[k % locs.length]!.id, 'rejected: damaged']]) : undefined;
    const withHolders = k % 2 === 0;
    const d = decide(DEFAULT_PROFILE_SPEC, order, locs, stock.lookup, {
      now,
      exclusions,
      holders: withHolders ? (s) => stock.holders(s) : undefined,
    });
    out.push({
      k,
      strategy: d.strategy,
      method: d.method,
      tried: d.tried,
      options: d.options.map((o) => [o.total, ...o.parts.map((p) => `${p.locationId}:${p.lines.map((l) => l.sku).join(',')}`)]),
      optionsInFull: sha(d.options),
      // The explanations are long: pinned by their hash (a change shows up as a different hash for that order).
      excluded: sha(d.explainExcluded().map((e) => [e.locationId, e.locationName, e.why])),
      eligible: sha(d.explainEligible()),
    });
  }
  return out;
}

describe('decide: pinned decisions', () => {
  it('gives exactly the decisions recorded before the hot path was optimised', () => {
    const now = digest();
    if (process.env.PIN_DECISIONS === 'write') writeFileSync(PINNED, `${JSON.stringify(now, null, 0)}\n`);
    const pinned: unknown = JSON.parse(readFileSync(PINNED, 'utf8'));
    expect(now).toEqual(pinned);
  });
});
