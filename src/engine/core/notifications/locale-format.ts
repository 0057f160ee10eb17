/**
 * Dates and amounts as a customer reads them, per locale, with Intl: es-AR "lunes 8 de diciembre"
 * and "$ 115.999,00", pt-BR "segunda-feira, 8 de dezembro" and "R$ 1.234,56", en "Monday,
 * December 8" and "ARS 115,999.00" (an English reader of an Argentine shop is told the currency).
 */

/** A day with nothing else ("2025-12-08"): a calendar date, not an instant, so it never shifts a day in a time zone. */
const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Languages whose running text has no comma after the weekday ("llega el lunes 8 de diciembre"),
 * though CLDR's date pattern puts one there ("lunes, 8 de diciembre").
 */
const NO_WEEKDAY_COMMA = new Set(['es']);

/**
 * Intl's non-breaking and narrow non-breaking spaces ("$\u00a0115.999,00", "8:00\u202fp.m.")
 * become plain spaces: an SMS with one is sent as UCS-2 (70 characters a part instead of 160),
 * and WhatsApp parameters and plain text gain nothing from them.
 */
const plainSpaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** The language of a locale tag ("es" for "es-AR"). */
export function languageOf(locale: string): string {
  return (locale.split(/[-_]/)[0] ?? '').toLowerCase();
}

/**
 * The locale to format dates and amounts in: the customer's own when it is a variant of the
 * template's language (an es-MX customer reading the es template sees "$115,999.00", Mexican
 * style), else the template's (a French customer reading English gets English dates, not French
 * ones in an English sentence).
 */
export function formatLocaleFor(customerLocale: string, templateLocale: string): string {
  const customer = customerLocale.trim().replace('_', '-');
  if (languageOf(customer) !== languageOf(templateLocale)) return templateLocale;
  try {
    return Intl.getCanonicalLocales(customer)[0] ?? templateLocale;
  } catch {
    return templateLocale;
  }
}

/**
 * A promised day or deadline, weekday, day and month: "lunes 8 de diciembre". A bare day is
 * shown as that day; an instant is shown as its day in `timeZone` (the merchant's), so a parcel
 * promised for 23:30 in Buenos Aires is not shown as the next day. Throws on what is not ISO 8601.
 */
export function formatDate(iso: string, locale: string, timeZone: string): string {
  const day = DAY_ONLY.exec(iso.trim());
  const at = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`"${iso}" is not an ISO 8601 date`);
  const format = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: day ? 'UTC' : timeZone,
  });
  const parts = format.formatToParts(at);
  const dropComma = NO_WEEKDAY_COMMA.has(languageOf(locale));
  const text = parts
    .map((p, i) => (dropComma && p.type === 'literal' && parts[i - 1]?.type === 'weekday' ? p.value.replace(',', '') : p.value))
    .join('');
  return plainSpaces(text);
}

/**
 * An amount in a currency as the locale writes it: es-AR ARS "$ 115.999,00", pt-BR BRL
 * "R$ 1.234,56". The amount is a decimal string (as money is kept) or a number; only shown, never
 * added up, so a float is precise enough. Throws on what is not a number or an ISO 4217 code.
 */
export function formatMoney(amount: string | number, currency: string, locale: string): string {
  const value = typeof amount === 'number' ? amount : Number(amount.trim());
  if (!Number.isFinite(value) || (typeof amount === 'string' && amount.trim() === '')) {
    throw new RangeError(`"${amount}" is not an amount`);
  }
  if (!/^[A-Za-z]{3}$/.test(currency.trim())) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.trim().toUpperCase() });
  return plainSpaces(format.format(value));
}
