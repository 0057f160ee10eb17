import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mlOrderToDraft } from '../../../src/engine/adapters/channels/mercadolibre-mapping';
import { shopifyOrderToDraft } from '../../../src/engine/adapters/channels/shopify-mapping';
import { vtexOrderToDraft } from '../../../src/engine/adapters/channels/vtex-mapping';
import { wooOrderToDraft } from '../../../src/engine/adapters/channels/woocommerce-mapping';
import { ChannelPayloadError } from '../../../src/engine/ports/channel.port';
import { OrderDraftSchema } from '../../../src/shared';
import { fixture } from './kits';

/**
 * The order mappings on fixtures damaged anywhere, however deep (a field nulled, a number where a
 * string was, an object where a list was): each gives a draft that satisfies the contract or a
 * ChannelPayloadError with field issues — never a TypeError that would retry forever.
 */

type Json = unknown;
function paths(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return [prefix, ...v.flatMap((x, i) => paths(x, [...prefix, i]))];
  if (v && typeof v === 'object') return [prefix, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...prefix, k]))];
  return [prefix];
}
function replaceAt(v: Json, path: (string | number)[], value: Json): Json {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, Json>;
  copy[head!] = replaceAt(copy[head!], rest, value);
  return copy;
}

const CASES: [string, Json, (v: Json) => unknown][] = [
  ['Shopify', fixture('shopify-order.json'), shopifyOrderToDraft],
  ['WooCommerce', fixture('woocommerce-order.json'), wooOrderToDraft],
  ['VTEX', fixture('vtex-order.json'), vtexOrderToDraft],
  ['Mercado Libre (order)', fixture('mercadolibre-order.json'), (v) => mlOrderToDraft(v, fixture('mercadolibre-shipment.json'))],
  ['Mercado Libre (shipment)', fixture('mercadolibre-shipment.json'), (v) => mlOrderToDraft(fixture('mercadolibre-order.json'), v)],
];

describe.each(CASES)('%s mapping on damaged payloads', (_name, base, map) => {
  const all = paths(base);
  it('maps the intact fixture', () => {
    expect(OrderDraftSchema.safeParse(map(base)).success).toBe(true);
  });
  it('gives a valid draft or a ChannelPayloadError, whatever field is damaged', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.oneof(fc.jsonValue(), fc.constant(null), fc.constant(undefined), fc.string(), fc.integer()),
        (path, value) => {
          try {
            const draft = map(replaceAt(base, path, value));
            expect(OrderDraftSchema.safeParse(draft).success).toBe(true);
          } catch (e) {
            if (!(e instanceof ChannelPayloadError))
              throw new Error(`${path.join('.')} = ${JSON.stringify(value)} threw ${(e as Error).name}: ${(e as Error).message}`, {
                cause: e,
              });
            expect(e.issues.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
