import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtin13, gtinCheckDigit, isValidGtin } from './gtin';

describe('GTIN check digits', () => {
  it('matches real codes', () => {
    // Published examples: an EAN-13, a UPC-A (GTIN-12), an EAN-8.
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('036000291452')).toBe(true);
    expect(isValidGtin('96385074')).toBe(true);
    expect(gtinCheckDigit('779000123456')).toBe(Number(gtin13('779000123456').at(-1)));
  });

  it('catches any single wrong digit and wrong lengths', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.nat(12), fc.integer({ min: 1, max: 9 }), (body, pos, bump) => {
        const code = gtin13(body);
        expect(isValidGtin(code)).toBe(true);
        const wrong = code.slice(0, pos) + String((Number(code[pos]) + bump) % 10) + code.slice(pos + 1);
        expect(isValidGtin(wrong)).toBe(false);
      }),
    );
    expect(isValidGtin('123')).toBe(false);
    expect(isValidGtin('77900012345678a')).toBe(false);
  });
});
