import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../shared';
import { isKnownEndpoint } from './known-endpoints';

describe('the preload endpoint list', () => {
  it('knows every endpoint of the contract', () => {
    for (const e of ENDPOINTS) expect(isKnownEndpoint(e), e).toBe(true);
  });
  it('refuses anything else, including inherited object keys', () => {
    for (const e of [
      'orders.drop',
      '',
      'toString',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      42,
      null,
      undefined,
      { toString: () => 'orders.list' },
    ]) {
      expect(isKnownEndpoint(e), String(e)).toBe(false);
    }
  });
});
