import { describe, expect, it } from 'vitest';
import { codeMatches, newPickupCode, normaliseCode, pickupQrSvg } from './pickup-code';

describe('pickup codes', () => {
  it('are six digits, zero-padded, and not all the same', () => {
    const codes = Array.from({ length: 200 }, () => newPickupCode());
    for (const c of codes) expect(c).toMatch(/^[0-9]{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(150);
  });

  it('match only the same digits, whatever spaces or dashes were typed, and any length is a plain no', () => {
    expect(codeMatches('012345', '012345')).toBe(true);
    expect(codeMatches('012345', ' 012-345 ')).toBe(true);
    expect(codeMatches('012345', '012 346')).toBe(false);
    expect(codeMatches('012345', '12345')).toBe(false);
    expect(codeMatches('012345', '0123456789')).toBe(false);
    expect(codeMatches('012345', '')).toBe(false);
    expect(normaliseCode('01 23-45')).toBe('012345');
  });

  it('draws the code as a QR in SVG', () => {
    const svg = pickupQrSvg('012345');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<path');
    expect(pickupQrSvg('999999')).not.toBe(svg);
  });
});
