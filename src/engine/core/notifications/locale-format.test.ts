import { describe, expect, it } from 'vitest';
import { formatDate, formatLocaleFor, formatMoney } from './locale-format';
import { localiseView, NotificationViewError } from './notification-view';

const BA = 'America/Argentina/Buenos_Aires';

describe('formatDate', () => {
  it('writes the weekday, day and month as each language does in running text', () => {
    expect(formatDate('2025-12-08', 'es-AR', BA)).toBe('lunes 8 de diciembre');
    expect(formatDate('2025-12-08', 'es', BA)).toBe('lunes 8 de diciembre');
    expect(formatDate('2025-12-08', 'en', BA)).toBe('Monday, December 8');
    expect(formatDate('2025-12-08', 'pt-BR', 'America/Sao_Paulo')).toBe('segunda-feira, 8 de dezembro');
  });

  it('shows an instant as its day in the merchant’s time zone, and a bare day as that day anywhere', () => {
    // 23:30 in Buenos Aires is already the 9th in UTC.
    expect(formatDate('2025-12-09T02:30:00Z', 'es-AR', BA)).toBe('lunes 8 de diciembre');
    expect(formatDate('2025-12-08', 'es-AR', 'Pacific/Kiritimati')).toBe('lunes 8 de diciembre');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDate('next monday', 'es-AR', BA)).toThrow(/not an ISO 8601 date/);
  });
});

describe('formatMoney', () => {
  it('writes amounts in the locale’s currency format, with plain spaces', () => {
    expect(formatMoney('115999.00', 'ARS', 'es-AR')).toBe('$ 115.999,00');
    expect(formatMoney(1234.56, 'BRL', 'pt-BR')).toBe('R$ 1.234,56');
    expect(formatMoney('115999', 'ARS', 'en')).toBe('ARS 115,999.00');
    expect(formatMoney('1499.5', 'mxn', 'es-MX')).toBe('$1,499.50');
    expect(formatMoney('115999', 'ARS', 'es-AR')).not.toMatch(/[\u00a0\u202f]/);
  });

  it('refuses what is not an amount or a currency', () => {
    expect(() => formatMoney('12,50', 'ARS', 'es-AR')).toThrow(/not an amount/);
    expect(() => formatMoney('', 'ARS', 'es-AR')).toThrow(/not an amount/);
    expect(() => formatMoney('10', 'pesos', 'es-AR')).toThrow(/ISO 4217/);
  });
});

describe('formatLocaleFor', () => {
  it('keeps the customer’s variant of the template’s language, else the template’s locale', () => {
    expect(formatLocaleFor('es-MX', 'es')).toBe('es-MX');
    expect(formatLocaleFor('es_ar', 'es-AR')).toBe('es-AR');
    expect(formatLocaleFor('fr-FR', 'en')).toBe('en');
    expect(formatLocaleFor('', 'en')).toBe('en');
  });
});

describe('localiseView', () => {
  const base = { orderNumber: ' 1234 ', merchantName: 'Tienda' };

  it('adds the per-locale renderings and drops blank values', () => {
    const view = localiseView(
      { ...base, customerFirstName: '   ', promisedDate: '2025-12-08', refundAmount: 115999, refundCurrency: 'ARS' },
      { locale: 'es-AR', timeZone: BA },
    );
    expect(view).toEqual({
      orderNumber: '1234',
      merchantName: 'Tienda',
      promisedDate: '2025-12-08',
      promisedDateText: 'lunes 8 de diciembre',
      refundAmount: '115999',
      refundCurrency: 'ARS',
      refundAmountText: '$ 115.999,00',
    });
  });

  it('names the field of a bad date, amount or link', () => {
    const options = { locale: 'es-AR', timeZone: BA };
    expect(() => localiseView({ ...base, promisedDate: 'soon' }, options)).toThrow(NotificationViewError);
    expect(() => localiseView({ ...base, promisedDate: 'soon' }, options)).toThrow(/promisedDate/);
    expect(() => localiseView({ ...base, refundAmount: '10' }, options)).toThrow(/refundCurrency: missing/);
    expect(() => localiseView({ ...base, trackingUrl: 'javascript:alert(1)' }, options)).toThrow(
      /trackingUrl: "javascript:alert\(1\)" is not an http\(s\) link/,
    );
    expect(() => localiseView({ ...base, qrUrl: 'data:image/png;base64,AAAA' }, options)).toThrow(/qrUrl/);
  });
});
