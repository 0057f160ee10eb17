import { editDistance } from './edit-distance';

/**
 * Customers' e-mail addresses, as typed at a checkout, checked for shape before anything is sent:
 * an address that cannot be delivered is recorded as undeliverable with a reason a person can
 * act on, instead of bouncing later. This checks form only; whether the mailbox exists is for
 * the mail server to say.
 */

export type EmailCheck =
  | {
      ok: true;
      /** The address to send to: trimmed, domain in lower case (and in punycode if international). */
      address: string;
      /** A likely intended address, when the domain looks like a misspelt common one ("gmial.com"). */
      suggestion?: string;
    }
  | { ok: false; reason: string };

/** Domains customers in the region use most, to catch a misspelling of one. */
const COMMON_DOMAINS = [
  'gmail.com',
  'mail.com',
  'hotmail.com',
  'hotmail.com.ar',
  'hotmail.com.br',
  'hotmail.es',
  'outlook.com',
  'outlook.com.ar',
  'outlook.es',
  'live.com',
  'live.com.ar',
  'live.com.mx',
  'yahoo.com',
  'yahoo.com.ar',
  'yahoo.com.br',
  'yahoo.com.mx',
  'yahoo.es',
  'icloud.com',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'fibertel.com.ar',
  'arnet.com.ar',
];

/** Endings that are slips of ".com", not top-level domains. */
const MISTYPED_TLDS = new Set(['con', 'cmo', 'ocm', 'vom', 'xom', 'cpm', 'comm', 'coom', 'clm']);

/** RFC 5322 dot-atom characters, the only ones mail servers reliably accept before the @. */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

const refuse = (reason: string): EmailCheck => ({ ok: false, reason: `not an e-mail address: ${reason}` });

/** The domain in ASCII (punycode for "correo.com.ñ"), or null when it is not a host name. */
function asciiDomain(domain: string): string | null {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/**
 * An e-mail address normalised for sending, or the reason it cannot be one. Accepts what people
 * paste: surrounding spaces, "mailto:", "Ana <ana@example.com>", a trailing dot.
 */
export function checkEmail(raw: string): EmailCheck {
  let text = raw.trim().replace(/^mailto:/i, '');
  const bracketed = /<([^<>]*)>\s*$/.exec(text);
  if (bracketed) text = bracketed[1]!.trim();
  text = text.replace(/\.$/, '');
  if (!text) return { ok: false, reason: 'no e-mail address' };
  if (/\s/.test(text)) return refuse('it has spaces');
  const at = text.lastIndexOf('@');
  if (at < 0) return refuse('it has no @');
  if (text.indexOf('@') !== at) return refuse('it has more than one @');
  const local = text.slice(0, at);
  const typedDomain = text.slice(at + 1).toLowerCase();
  if (!local) return refuse('nothing before the @');
  if (!typedDomain) return refuse('nothing after the @');
  if (local.length > 64) return refuse('the part before the @ is longer than 64 characters');
  if (!LOCAL.test(local)) {
    return refuse(
      local.includes('..') || local.startsWith('.') || local.endsWith('.')
        ? 'a dot at the start or end of the part before the @, or two in a row'
        : 'the part before the @ has characters mail servers do not accept (accents, commas, quotes)',
    );
  }
  const domain = asciiDomain(typedDomain);
  const labels = domain ? domain.split('.') : [];
  if (!domain || labels.length < 2 || !labels.every((l) => LABEL.test(l))) return refuse(`"${typedDomain}" is not a domain`);
  const tld = labels[labels.length - 1]!;
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]+)$/.test(tld)) return refuse(`"${typedDomain}" does not end in a domain ending (.com, .ar …)`);
  if (MISTYPED_TLDS.has(tld)) return refuse(`"${typedDomain}" ends in .${tld} (.com?)`);
  const address = `${local}@${domain}`;
  if (address.length > 254) return refuse('longer than 254 characters');

  const near = COMMON_DOMAINS.includes(domain) ? undefined : COMMON_DOMAINS.find((d) => editDistance(domain, d) <= (d.length > 9 ? 2 : 1));
  return near ? { ok: true, address, suggestion: `${local}@${near}` } : { ok: true, address };
}
