import { describe, expect, it } from 'vitest';
import { CHANNELS, LOCATION_KINDS, ORDER_STATUSES } from '../../../shared';
import { formatHourMinute, formatRelative } from './format';
import { interpolate, isLocale, isMessageKey, LOCALES, localeFor, MESSAGES, translate, translateOr, type MessageKey } from './i18n';

/** The `{name}` placeholders of a message, sorted (a `{{1}}` shown as written counts as `{1}` on both sides). */
const placeholders = (m: string) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe('i18n', () => {
  it('has the same keys, all non-empty, in every language', () => {
    const en = Object.keys(MESSAGES.en).sort();
    expect(LOCALES).toEqual(['es', 'en', 'pt-BR']);
    for (const l of LOCALES) {
      expect(Object.keys(MESSAGES[l]).sort()).toEqual(en);
      for (const v of Object.values(MESSAGES[l])) expect(v.trim()).not.toBe('');
    }
  });

  it('fills the same placeholders as English in every language', () => {
    const mismatched: string[] = [];
    for (const l of LOCALES)
      for (const k of Object.keys(MESSAGES.en) as MessageKey[])
        if (placeholders(MESSAGES[l][k]).join() !== placeholders(MESSAGES.en[k]).join()) mismatched.push(`${l} ${k}: ${MESSAGES[l][k]}`);
    expect(mismatched).toEqual([]);
  });

  it('is translated: Portuguese is not left in Spanish or English', () => {
    // Words that read the same in two languages (SKU, Status, OK…) are fine; whole sentences are not.
    const words = (m: string) => m.replace(/\{\w+\}/g, '').match(/\p{L}{2,}/gu) ?? [];
    const long = (Object.keys(MESSAGES.en) as MessageKey[]).filter((k) => words(MESSAGES.en[k]).length >= 4);
    const sameAs = (other: 'es' | 'en') => long.filter((k) => MESSAGES['pt-BR'][k] === MESSAGES[other][k]);
    expect(sameAs('en')).toEqual([]);
    // Spanish and Portuguese are close: these read word for word the same, and rightly so.
    expect(sameAs('es')).toEqual(['pickup.take', 'returns.form.quantityOf']);
    expect(translate('pt-BR', 'status.delivered')).toBe('Entregue');
    expect(translate('pt-BR', 'queue.range', { from: 1, to: 50, total: 1200 })).toBe('1–50 de 1200');
  });

  it('names every status, kind and channel of the contract', () => {
    for (const s of ORDER_STATUSES) expect(isMessageKey(`status.${s}`)).toBe(true);
    for (const k of LOCATION_KINDS) expect(isMessageKey(`kind.${k}`)).toBe(true);
    for (const c of CHANNELS) expect(isMessageKey(`channel.${c}`)).toBe(true);
  });

  it('starts in Spanish for any Spanish system language, Brazilian Portuguese for any Portuguese, else English', () => {
    expect(localeFor('es-AR')).toBe('es');
    expect(localeFor('ES')).toBe('es');
    expect(localeFor('pt-BR')).toBe('pt-BR');
    expect(localeFor('pt-PT')).toBe('pt-BR');
    expect(localeFor('pt')).toBe('pt-BR');
    expect(localeFor('en-US')).toBe('en');
    expect(localeFor('fr-FR')).toBe('en');
    expect(localeFor(undefined)).toBe('en');
  });

  it('knows its locales (what a stored choice may be)', () => {
    for (const l of LOCALES) expect(isLocale(l)).toBe(true);
    expect(isLocale('pt')).toBe(false);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(interpolate('{a} of {b}', { a: 1 })).toBe('1 of {b}');
    expect(translate('en', 'advance.picked')).toBe('Mark picked');
    expect(translate('es', 'advance.picked')).toBe('Marcar preparado');
    expect(translateOr('es', 'event.order.unknown', 'order.unknown')).toBe('order.unknown');
  });

  it("formats a time of day in the locale's own clock, never cut short", () => {
    const evening = new Date(2026, 11, 7, 19, 5).toISOString();
    expect(formatHourMinute('en', evening)).toMatch(/^19:05$|^7:05\sPM$/i);
    // es-AR writes a 12-hour clock with "p. m.": 19:05 must not read as 07:05.
    expect(formatHourMinute('es', evening)).toMatch(/19:05|7:05\s?p\.?\s?m\.?/i);
    expect(formatHourMinute('es', evening)).not.toMatch(/^0?7:05$/);
  });

  it('formats ages relative to now', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatRelative('en', '2026-01-01T11:57:00Z', now)).toMatch(/3 min/);
    expect(formatRelative('es', '2026-01-01T11:57:00Z', now)).toMatch(/3 min/);
    expect(formatRelative('pt-BR', '2026-01-01T11:57:00Z', now)).toMatch(/3 min/);
  });
});
