import { describe, expect, it } from 'vitest';
import { CHANNELS, LOCATION_KINDS, ORDER_STATUSES } from '../../../shared';
import { formatHourMinute, formatRelative } from './format';
import { interpolate, isMessageKey, localeFor, MESSAGES, translate, translateOr } from './i18n';

describe('i18n', () => {
  it('has the same keys, all non-empty, in both languages', () => {
    const en = Object.keys(MESSAGES.en).sort();
    expect(Object.keys(MESSAGES.es).sort()).toEqual(en);
    for (const l of ['en', 'es'] as const) for (const v of Object.values(MESSAGES[l])) expect(v.trim()).not.toBe('');
  });

  it('names every status, kind and channel of the contract', () => {
    for (const s of ORDER_STATUSES) expect(isMessageKey(`status.${s}`)).toBe(true);
    for (const k of LOCATION_KINDS) expect(isMessageKey(`kind.${k}`)).toBe(true);
    for (const c of CHANNELS) expect(isMessageKey(`channel.${c}`)).toBe(true);
  });

  it('starts in Spanish for any Spanish system language, else English', () => {
    expect(localeFor('es-AR')).toBe('es');
    expect(localeFor('ES')).toBe('es');
    expect(localeFor('en-US')).toBe('en');
    expect(localeFor(undefined)).toBe('en');
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
  });
});
