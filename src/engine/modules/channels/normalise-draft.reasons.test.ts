import { describe, expect, it } from 'vitest';
import { parseReason } from '../../../shared';
import { unknownSkuMessage } from './normalise-draft';

/**
 * The issues intake quarantines an order with are sentences of the shared catalogue
 * (src/shared/reasons.ts), so the desk says them in its own language; rewording one here fails this
 * test until the catalogue (and its translations) follow.
 */
describe('intake issue sentences', () => {
  it('names an unknown SKU with a catalogue sentence, mappable or not', () => {
    expect(parseReason(unknownSkuMessage('MATE-9', false))).toEqual({ code: 'intake.unknown_sku', params: { sku: 'MATE-9' } });
    expect(parseReason(unknownSkuMessage('MATE-9', true))).toEqual({ code: 'intake.unknown_sku_unmapped', params: { sku: 'MATE-9' } });
  });
});
