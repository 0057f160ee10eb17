import { describe, expect, it } from 'vitest';
import { parseReason, parseReasons, REASON_CODES, reasonParams, reasonText, splitReasons } from './reasons';

describe('reasons', () => {
  it('reads back every reason it writes, parameters included', () => {
    for (const code of REASON_CODES) {
      const params = Object.fromEntries(reasonParams(code).map((n, i) => [n, `v${i} x`]));
      // Nested reasons must themselves be known for the strict templates.
      if (code === 'sourcing.strategy_failed') params.failure = reasonText('sourcing.no_option');
      if (code === 'intake.field_issue') params.issue = reasonText('intake.address_required');
      const text = reasonText(code, params);
      expect(parseReason(text), text).toEqual({ code, params });
    }
  });

  it('reads the sentences the engine has stored', () => {
    expect(parseReason('no location has available stock for every line')).toEqual({ code: 'sourcing.no_stock', params: {} });
    expect(parseReason('unknown SKUs A-1, B-2 (not in the catalog)')).toEqual({
      code: 'sourcing.unknown_skus',
      params: { skus: 'A-1, B-2' },
    });
    expect(parseReason('cheapest: no eligible location has 3 of SKU MATE-01')).toEqual({
      code: 'sourcing.strategy_failed',
      params: { strategy: 'cheapest', failure: 'no eligible location has 3 of SKU MATE-01' },
    });
    expect(parseReason('gazetteer (city): Córdoba (AR, admin1 05, GeoNames 3860259); region not matched')).toEqual({
      code: 'geo.gazetteer_region_unmatched',
      params: { place: 'Córdoba', country: 'AR', admin1: '05', geonamesId: '3860259' },
    });
    expect(
      parseReason('order 1042 cannot be normalised: shipTo: a delivery address is required for home delivery; lines.0.quantity: bad')?.code,
    ).toBe('intake.not_normalised');
  });

  it('reads a list as its items, and keeps a reason with "; " inside it whole', () => {
    const unmapped = reasonText('intake.unknown_sku_unmapped', { sku: 'SKU-TYPO' });
    const quarantined = reasonText('intake.not_normalised', { externalId: 'Q-1', issues: `lines.0.channelSku: ${unmapped}` });
    expect(parseReason(quarantined)).toEqual({
      code: 'intake.not_normalised',
      params: { externalId: 'Q-1', issues: `lines.0.channelSku: ${unmapped}` },
    });
    expect(splitReasons(`a.b: ${unmapped}; c: ${reasonText('intake.address_required')}`, 'intake.')).toEqual([
      `a.b: ${unmapped}`,
      `c: ${reasonText('intake.address_required')}`,
    ]);
    const tried = 'cheapest: no option; nearest: no eligible location has 2 of SKU X';
    expect(parseReason(tried)).toBeNull();
    expect(parseReasons(tried)?.map((r) => r.code)).toEqual(['sourcing.strategy_failed', 'sourcing.strategy_failed']);
  });

  it('leaves a sentence it does not know alone, even one shaped "a: b"', () => {
    expect(parseReason('the carrier said no')).toBeNull();
    expect(parseReason('lat: something odd happened')).toBeNull();
    expect(parseReason('cheapest: the moon is full')).toBeNull();
  });
});
