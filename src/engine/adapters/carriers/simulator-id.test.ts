import { describe, expect, it } from 'vitest';
import { decodeSimulatorId, encodeSimulatorId } from './simulator-id';

describe('simulator ids', () => {
  const at = new Date('2025-06-10T13:00:00.123Z');

  it('carry the creation instant, the service, the postcode and the label mode', () => {
    const id = encodeSimulatorId({ createdAt: at, service: 'express', postcode: 'c1414-abc', labels: 'async', reference: 'AT1042-1' });
    expect(id).toMatch(/^SIM-[0-9A-Z]+-EXP-C1414ABC-A[0-9A-Z]{4}$/);
    expect(decodeSimulatorId(id)).toMatchObject({ createdAt: at, service: 'express', postcode: 'C1414ABC', labels: 'async' });
    expect(decodeSimulatorId(id.toLowerCase())).toMatchObject({ service: 'express' });
  });

  it('are the same for the same reference at the same instant, different for another reference', () => {
    const a = (reference: string) => encodeSimulatorId({ createdAt: at, service: 'standard', postcode: '1414', labels: 'sync', reference });
    expect(a('AT1-1')).toBe(a('AT1-1'));
    expect(a('AT1-1')).not.toBe(a('AT1-2'));
  });

  it('use 0 for a missing postcode', () => {
    expect(encodeSimulatorId({ createdAt: at, service: 'standard', postcode: undefined, labels: 'sync', reference: 'x' })).toContain(
      '-STD-0-S',
    );
  });

  it('are null for anything else', () => {
    for (const s of ['', 'SIM-', 'AND-123', 'SIM-ZZ-STD-1414-S12', 'SIM-ZZ-XXX-1414-S1234', '3600000012345'])
      expect(decodeSimulatorId(s)).toBeNull();
  });
});
