import { describe, expect, it } from 'vitest';
import { formatSimulatorRules, normalisePostcode, parseSimulatorRules, planFor } from './simulator-rules';

describe('simulator rules', () => {
  it('reads "<prefix>:<rule>" entries, spaces and empty entries allowed', () => {
    const r = parseSimulatorRules(' 1414:attempt_failed, ,5000 : delay,*:no_scan');
    expect(planFor(r, '1414')).toEqual({ outcome: 'attempt_failed', unknownCode: false });
    expect(planFor(r, '50001')).toEqual({ outcome: 'delay', unknownCode: false });
    expect(planFor(r, '9999')).toEqual({ outcome: 'no_scan', unknownCode: false });
    expect(planFor(parseSimulatorRules(''), '1414')).toEqual({ outcome: null, unknownCode: false });
  });

  it('combines an outcome with unknown_code under one prefix; the first outcome listed wins', () => {
    const r = parseSimulatorRules('7001:unknown_code,7001:lost,7001:delay');
    expect(planFor(r, '7001')).toEqual({ outcome: 'lost', unknownCode: true });
  });

  it('compares postcodes by their letters and digits, upper-cased', () => {
    expect(normalisePostcode('c1414-abc ')).toBe('C1414ABC');
    expect(planFor(parseSimulatorRules('c14:exception'), 'C1414ABC').outcome).toBe('exception');
    expect(normalisePostcode(undefined)).toBe('');
  });

  it('refuses an entry it cannot read, naming it and the rules it knows', () => {
    expect(() => parseSimulatorRules('1414:explode')).toThrow(/"1414:explode".*attempt_failed/);
    expect(() => parseSimulatorRules('1414')).toThrow(/"1414"/);
  });

  it('writes rules back as the setting reads them', () => {
    const text = formatSimulatorRules([
      ['', 'delay'],
      ['7001', 'reject'],
    ]);
    expect(text).toBe('*:delay,7001:reject');
    expect(planFor(parseSimulatorRules(text), '7001').outcome).toBe('reject');
  });
});
