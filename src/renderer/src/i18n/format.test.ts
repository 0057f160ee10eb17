import { afterEach, describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatHourMinute,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRelative,
  formatTime,
} from './format';

// Non-breaking spaces (U+00A0, U+202F) vary between ICU versions: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

type Kind = 'DateTimeFormat' | 'NumberFormat' | 'RelativeTimeFormat';
const restores: (() => void)[] = [];

/** Counts the formatters of one kind built from now on; the formatters themselves are the real ones. */
function countBuilt(kind: Kind): () => number {
  const original = Intl[kind];
  let built = 0;
  const counting = new Proxy(original, {
    construct(target, args, newTarget) {
      built++;
      return Reflect.construct(target, args, newTarget) as object;
    },
    apply(target, self, args) {
      built++;
      return Reflect.apply(target, self, args) as unknown;
    },
  });
  (Intl as Record<Kind, unknown>)[kind] = counting;
  restores.push(() => ((Intl as Record<Kind, unknown>)[kind] = original));
  return () => built;
}

describe('format', () => {
  afterEach(() => {
    for (const restore of restores.splice(0)) restore();
  });

  it('builds one date formatter per locale and options, and reuses it', () => {
    const made = countBuilt('DateTimeFormat');
    const iso = '2026-03-04T15:06:07Z';
    // A fresh combination of options, so this test's first call builds it whatever ran before.
    formatDate('pt-BR', iso);
    const afterFirst = made();
    expect(afterFirst).toBeLessThanOrEqual(1);
    for (let i = 0; i < 500; i++) formatDate('pt-BR', iso);
    for (let i = 0; i < 500; i++) formatDateTime('pt-BR', iso);
    for (let i = 0; i < 500; i++) formatTime('pt-BR', iso);
    for (let i = 0; i < 500; i++) formatHourMinute('pt-BR', iso);
    // At most one more per other kind of date (dateTime, time, hourMinute), however many dates.
    expect(made() - afterFirst).toBeLessThanOrEqual(3);
    const before = made();
    for (let i = 0; i < 100; i++) formatDateTime('pt-BR', iso);
    expect(made()).toBe(before);
  });

  it('reuses number and relative-time formatters too', () => {
    const numbers = countBuilt('NumberFormat');
    const relative = countBuilt('RelativeTimeFormat');
    const now = Date.parse('2026-01-01T12:00:00Z');
    for (let i = 0; i < 50; i++) {
      formatNumber('es', i);
      formatMoney('en', i, 'ARS');
      formatPercent('pt-BR', i / 100, 1);
      formatRelative('es', '2026-01-01T11:57:00Z', now);
    }
    expect(numbers()).toBeLessThanOrEqual(3);
    expect(relative()).toBeLessThanOrEqual(1);
  });

  it('keeps locales and options apart in the cache', () => {
    expect(formatNumber('es', 1234.5)).toBe('1.234,5');
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
    expect(formatNumber('pt-BR', 1234.5)).toBe('1.234,5');
    expect(formatNumber('es', 1234.5, { maximumFractionDigits: 0 })).toBe('1.235');
  });

  it('writes money in each locale', () => {
    expect(plain(formatMoney('es', 115999, 'ARS'))).toBe('$ 115.999');
    expect(plain(formatMoney('pt-BR', 115999, 'BRL'))).toBe('R$ 115.999');
    expect(formatMoney('en', 115999, 'GBP')).toBe('£115,999');
    // An unknown currency code still shows the amount, in the locale's digits.
    expect(formatMoney('es', 1500, 'NOT-A-CODE')).toBe('NOT-A-CODE 1.500');
  });

  it('writes percentages in each locale', () => {
    expect(plain(formatPercent('es', 0.125, 1))).toMatch(/^12,5 ?%$/);
    expect(formatPercent('en', 0.125, 1)).toBe('12.5%');
    expect(plain(formatPercent('pt-BR', 0.125, 1))).toBe('12,5%');
    expect(plain(formatPercent('es', 0))).toMatch(/^0 ?%$/);
    expect(plain(formatPercent('en', 0.0))).not.toContain('0.0');
  });

  it('writes dates in each locale', () => {
    const iso = new Date(2026, 2, 4, 15, 6, 7).toISOString();
    expect(formatDate('es', iso)).toBe('4/3/26');
    expect(formatDate('en', iso)).toBe('04/03/2026');
    expect(formatDate('pt-BR', iso)).toBe('04/03/2026');
    expect(formatTime('pt-BR', iso)).toBe('15:06:07');
    expect(formatDateTime('bogus' as never, 'not a date')).toBe('not a date');
  });

  it('writes ages in each locale', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatRelative('en', '2026-01-01T11:57:00Z', now)).toBe('3 min ago');
    expect(formatRelative('es', '2026-01-01T11:57:00Z', now)).toBe('hace 3 min');
    expect(formatRelative('pt-BR', '2026-01-01T11:57:00Z', now)).toBe('há 3 min.');
  });
});
