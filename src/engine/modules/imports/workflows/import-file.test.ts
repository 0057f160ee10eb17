import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared';
import { importLockKey, isTransient } from './import-file';

describe('what an import run does with an error', () => {
  it('retries the database or the network being away, and reports anything else against the order', () => {
    expect(isTransient(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isTransient({ message: 'x', driverError: { code: '08006' } })).toBe(true);
    expect(isTransient(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient({ message: 'could not serialize access', code: '40001' })).toBe(true);
    expect(isTransient(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }))).toBe(false);
    expect(isTransient({ message: 'new row violates check constraint', driverError: { code: '23514' } })).toBe(false);
    expect(isTransient(new AppError('UNAVAILABLE', 'The database cannot be reached right now'))).toBe(true);
    expect(isTransient(new AppError('VALIDATION_FAILED', 'quantity'))).toBe(false);
    expect(isTransient(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
  });

  it('locks each import under a key of its own, clear of the 32-bit keys of hashtext', () => {
    const k = importLockKey('5f0c6a52-4a0e-4c7b-9a53-3f1d1f3c2b11');
    expect(k).toBe(importLockKey('5f0c6a52-4a0e-4c7b-9a53-3f1d1f3c2b11'));
    expect(k).not.toBe(importLockKey('5f0c6a52-4a0e-4c7b-9a53-3f1d1f3c2b12'));
    expect(Number.isSafeInteger(k) && k > 2 ** 32).toBe(true);
  });
});
