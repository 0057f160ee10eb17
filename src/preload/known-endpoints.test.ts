import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { ENDPOINTS } from '../shared';
import { endpointCheck } from './known-endpoints';

const isKnownEndpoint = endpointCheck(ENDPOINTS);

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
  it('is what the build writes into the preload: every endpoint of the contract', () => {
    const preload = (config as { preload?: { define?: Record<string, string> } }).preload;
    expect(JSON.parse(preload?.define?.__ATALAYA_ENDPOINTS__ ?? '[]')).toEqual(ENDPOINTS);
  });
});
