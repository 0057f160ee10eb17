import { describe, expect, it } from 'vitest';
import { POLICY_REASONS } from '../../../../shared';
import { translate, type Locale } from '../../i18n/i18n';
import type { Translate } from '../../i18n/locale.store';
import { askedValue, deciderName, formatLocalDay, parseReturnNumber, policyReasonText, refusalText, returnReasons } from './return-words';

const tOf =
  (l: Locale): Translate =>
  (k, p) =>
    translate(l, k, p);
const es = tOf('es');
const en = tOf('en');
const NOW = new Date('2026-03-05T12:00:00Z');
const nbsp = (s: string) => s.replace(/\s/g, ' ');

describe('the policy’s reasons in words', () => {
  it('words each reason with its params, in Spanish and English', () => {
    const legal = {
      code: 'legal_withdrawal' as const,
      sku: 'A',
      params: { country: 'AR', days: 10, kind: 'calendar', lastDay: '2026-03-12' },
    };
    expect(policyReasonText(es, 'es', legal, 'ARS', NOW)).toBe('Derecho de arrepentimiento (AR, 10 días corridos, hasta el 12/03)');
    expect(policyReasonText(en, 'en', legal, 'ARS', NOW)).toBe('Right of withdrawal (AR, 10 calendar days, until 12/03)');
    const value = { code: 'value_review' as const, sku: null, params: { value: 50_000, threshold: 40_000 } };
    expect(nbsp(policyReasonText(es, 'es', value, 'ARS', NOW))).toBe('Valor $ 50.000 supera el límite de aprobación automática ($ 40.000)');
    const late = {
      code: 'window_passed' as const,
      sku: 'A',
      params: { days: 30, kind: 'calendar', lastDay: '2025-12-05', deliveredAt: '2025-11-05' },
    };
    expect(policyReasonText(es, 'es', late, 'ARS', NOW)).toBe(
      'Fuera de plazo: los 30 días corridos vencieron el 05/12/2025 (entregado el 05/11/2025)',
    );
    const cond = { code: 'condition_review' as const, sku: 'A', params: { sku: 'A', condition: 'damaged' } };
    expect(policyReasonText(es, 'es', cond, 'ARS', NOW)).toBe('A declarado «dañado»: lo revisa una persona');
  });

  it('has words for every reason the contract names, with no parameter left unfilled', () => {
    const params = {
      sku: 'A',
      asked: 2,
      returnable: 1,
      days: 5,
      kind: 'business',
      lastDay: '2026-03-12',
      deliveredAt: '2026-03-01',
      country: 'MX',
      value: 1,
      threshold: 2,
      condition: 'used',
    };
    for (const code of POLICY_REASONS)
      for (const [t, l] of [
        [es, 'es'],
        [en, 'en'],
      ] as const)
        expect(policyReasonText(t, l, { code, sku: 'A', params }, 'MXN', NOW)).not.toMatch(/[{}]/);
  });

  it('words the engine’s refusals it knows; leaves others as the engine said them', () => {
    const reason = 'the engine says so';
    expect(nbsp(refusalText(es, 'es', { code: 'above_limit', params: { value: 50_000, limit: 30_000 }, reason }, 'ARS'))).toBe(
      'Supera tu límite de aprobación ($ 30.000): la aprueba un supervisor',
    );
    expect(refusalText(es, 'es', { code: 'not_waiting', params: { status: 'approved' }, reason }, 'ARS')).toBe(
      'Ya está aprobada: no espera una decisión',
    );
    expect(refusalText(es, 'es', { code: 'not_found', params: {}, reason: 'no return with id x' }, 'ARS')).toBe('no return with id x');
  });

  it('puts what sends a return to a person first, says each once, and names the policy as a decider', () => {
    const legal = {
      code: 'legal_withdrawal' as const,
      sku: 'A',
      params: { country: 'AR', days: 10, kind: 'calendar', lastDay: '2026-03-12' },
    };
    const r = {
      currency: 'ARS',
      reasons: [legal, { ...legal, sku: 'B' }, { code: 'value_review' as const, sku: null, params: { value: 5, threshold: 4 } }],
    };
    expect(returnReasons(es, 'es', r, NOW).map((x) => x.kind)).toEqual(['review', 'grant']);
    expect(deciderName(es, 'return policy')).toBe('la política de devoluciones');
    expect(deciderName(es, 'Sofía')).toBe('Sofía');
    expect(askedValue({ lines: [{ quantity: 2, unitPrice: 10.1 } as never, { quantity: 1, unitPrice: 5 } as never] })).toBe(25.2);
  });

  it('formats a local day without a time zone shifting it', () => {
    expect(formatLocalDay('es', '2026-01-01', NOW)).toBe('01/01');
    expect(formatLocalDay('es', 'mañana', NOW)).toBe('mañana');
  });
});

describe('return numbers at the counter', () => {
  it('reads R-1042, r1042, #1042 and 1042; nothing else', () => {
    for (const s of ['R-1042', 'r1042', ' #1042 ', '1042', 'R 1042']) expect(parseReturnNumber(s)).toBe(1042);
    for (const s of ['', 'R-', 'R-10a', '1042-1', '0', 'X1042']) expect(parseReturnNumber(s)).toBeNull();
  });
});
