import { describe, expect, it } from 'vitest';
import { asNumeric2 } from './sourcing-claim.store';

describe('asNumeric2', () => {
  it('rounds as numeric(14,2) does: half away from zero on the decimal digits', () => {
    expect(asNumeric2(10.005)).toBe(10.01);
    expect(asNumeric2(1.005)).toBe(1.01);
    expect(asNumeric2(-2.675)).toBe(-2.68);
    expect(asNumeric2(19.99)).toBe(19.99);
    expect(asNumeric2(1999)).toBe(1999);
    expect(asNumeric2(0.004)).toBe(0);
    expect(asNumeric2(1e-7)).toBe(0);
  });
});
