import { type CountryCode, isSupportedCountry, type NumberType, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

/**
 * Customers' phone numbers, as typed at a checkout, made into the E.164 form SMS providers and
 * WhatsApp take ("+5491155550000"), or refused with a reason the delivery log can show.
 *
 * The full ("max") metadata of libphonenumber-js, not "min": only it knows whether a number is a
 * mobile or a landline, and a WhatsApp message to a landline is refused by Meta after the fact.
 * It is pure data (no IO), so it belongs in the core.
 */

/** What the number is for: SMS and WhatsApp need a mobile. */
export type PhonePurpose = 'sms' | 'whatsapp' | 'any';

export type PhoneCheck =
  | {
      ok: true;
      /** "+5491155550000" */
      e164: string;
      /** ISO 3166 country of the number, when its prefix says. */
      country: string | null;
      /** libphonenumber's type; null when the numbering plan cannot tell (Mexico, the USA). */
      type: NumberType | null;
      /** What was changed beyond the format, when something was ("added the 9 …"). */
      adjusted?: string;
    }
  | { ok: false; reason: 'no phone number' | 'not a phone number' | 'not a mobile number' };

/** Types that no phone in a customer's hand has: no SMS, no WhatsApp. */
const NOT_MOBILE: ReadonlySet<NumberType> = new Set<NumberType>([
  'FIXED_LINE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'UAN',
  'VOICEMAIL',
  'PAGER',
]);

interface Repair {
  why: string;
  /** A rewritten number to try, or null when the repair does not apply. */
  apply: (raw: string, parsed: PhoneNumber | undefined, country: CountryCode) => string | null;
  /** Only when a mobile is needed (the repair guesses that the number is one). */
  forMobile: boolean;
}

/**
 * Habits of the region's checkouts that yield a number that is wrong only in form, repaired
 * when the result is a valid number (and a mobile, where one is needed):
 * - Argentina: a mobile is dialled from abroad as +54 9 + area code + number, but customers
 *   type it as they see it at home without the 15 ("11 5555-0000", "+54 11 5555-0000"), which
 *   reads as a landline. Landlines and mobiles share one numbering in Argentina, so adding the 9
 *   cannot reach another person: at worst the number is a landline and WhatsApp says so.
 * - Mexico dropped the 1 after +52 (and the 044/045 mobile prefixes) in 2019; old contacts and
 *   WhatsApp's own ids still carry them ("+52 1 55 1234 5678").
 */
const REPAIRS: readonly Repair[] = [
  {
    why: 'added the 9 Argentine mobiles take after +54',
    forMobile: true,
    apply: (_raw, parsed) =>
      parsed?.countryCallingCode === '54' && parsed.getType() === 'FIXED_LINE' ? `+549${parsed.nationalNumber}` : null,
  },
  {
    why: 'removed the mobile prefix Mexico dropped in 2019 (+52 1, 044, 045)',
    forMobile: false,
    apply: (raw, _parsed, country) => {
      const digits = raw.replace(/\D/g, '');
      const international = raw.trim().startsWith('+') || raw.trim().startsWith('00');
      const m = international
        ? /^(?:00)?52(?:1|04[45])(\d{10})$/.exec(digits)
        : country === 'MX'
          ? /^(?:1|04[45])(\d{10})$/.exec(digits)
          : null;
      return m ? `+52${m[1]}` : null;
    },
  },
];

/** Known not to be a mobile (a number whose type cannot be told is given the benefit of the doubt). */
const knownNotMobile = (number: PhoneNumber) => {
  const type = number.getType();
  return type !== undefined && NOT_MOBILE.has(type);
};

const parse = (raw: string, country: CountryCode) => {
  const parsed = parsePhoneNumberFromString(raw, country);
  return parsed?.isValid() ? parsed : undefined;
};

const accepted = (number: PhoneNumber, adjusted?: string): PhoneCheck => ({
  ok: true,
  e164: number.number,
  country: number.country ?? null,
  type: number.getType() ?? null,
  ...(adjusted ? { adjusted } : {}),
});

/**
 * A customer's phone number in E.164, read in `defaultCountry` (ISO 3166, the shop's or the
 * address's) unless it starts with + or 00: "011 15 5555-0000" in AR is +5491155550000. For SMS
 * and WhatsApp a number known to be a landline (or toll-free, premium …) is refused as "not a
 * mobile number"; one whose type the numbering plan cannot tell is accepted.
 */
export function normalisePhone(raw: string, defaultCountry: string, purpose: PhonePurpose = 'any'): PhoneCheck {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'no phone number' };
  const country = defaultCountry.toUpperCase();
  if (!isSupportedCountry(country)) throw new RangeError(`"${defaultCountry}" is not a country libphonenumber knows`);
  const needsMobile = purpose !== 'any';
  const first = parsePhoneNumberFromString(text, country);
  const valid = first?.isValid() ? first : undefined;

  if (valid && !(needsMobile && knownNotMobile(valid))) return accepted(valid);
  for (const repair of REPAIRS) {
    if (repair.forMobile && !needsMobile) continue;
    const rewritten = repair.apply(text, first, country);
    const repaired = rewritten ? parse(rewritten, country) : undefined;
    if (repaired && !(needsMobile && knownNotMobile(repaired))) return accepted(repaired, repair.why);
  }
  return { ok: false, reason: valid ? 'not a mobile number' : 'not a phone number' };
}
