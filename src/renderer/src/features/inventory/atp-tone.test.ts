import { describe, expect, it } from 'vitest';
import { atpTone } from './atp-tone';

describe('atpTone', () => {
  it('says whether a location covers the quantity, some of it, or none', () => {
    expect(atpTone({ atp: 3 }, 3)).toBe('ok');
    expect(atpTone({ atp: 2 }, 3)).toBe('short');
    expect(atpTone({ atp: 0 }, 1)).toBe('none');
  });
});
