import type { CarrierAddress } from '../../ports/carrier.port';

/**
 * Argentine address pieces the AR carriers (Andreani, OCA) ask for separately: our addresses carry
 * one street line and a full name, their forms want street and door number, surname and first name,
 * and the province as an ISO 3166-2:AR code (Andreani) or by name (OCA).
 */

/** ISO 3166-2:AR subdivision code → the name the carriers print. */
export const AR_PROVINCES: Readonly<Record<string, string>> = {
  'AR-C': 'Ciudad Autónoma de Buenos Aires',
  'AR-B': 'Buenos Aires',
  'AR-K': 'Catamarca',
  'AR-H': 'Chaco',
  'AR-U': 'Chubut',
  'AR-X': 'Córdoba',
  'AR-W': 'Corrientes',
  'AR-E': 'Entre Ríos',
  'AR-P': 'Formosa',
  'AR-Y': 'Jujuy',
  'AR-L': 'La Pampa',
  'AR-F': 'La Rioja',
  'AR-M': 'Mendoza',
  'AR-N': 'Misiones',
  'AR-Q': 'Neuquén',
  'AR-R': 'Río Negro',
  'AR-A': 'Salta',
  'AR-J': 'San Juan',
  'AR-D': 'San Luis',
  'AR-Z': 'Santa Cruz',
  'AR-S': 'Santa Fe',
  'AR-G': 'Santiago del Estero',
  'AR-V': 'Tierra del Fuego',
  'AR-T': 'Tucumán',
};

/** Lower case, no accents, single spaces: how carrier texts and province names are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_NAME = new Map<string, string>(Object.entries(AR_PROVINCES).map(([code, name]) => [fold(name), code]));
// What people type for the capital and the province besides the official names.
for (const [alias, code] of [
  ['caba', 'AR-C'],
  ['capital federal', 'AR-C'],
  ['ciudad de buenos aires', 'AR-C'],
  ['provincia de buenos aires', 'AR-B'],
  ['tierra del fuego antartida e islas del atlantico sur', 'AR-V'],
] as const) {
  BY_NAME.set(alias, code);
}

/** The region as an ISO 3166-2:AR code ("AR-B"), from a code or a province name; undefined when unknown. */
export function provinceCode(region: string | undefined): string | undefined {
  if (!region) return undefined;
  const trimmed = region.trim().toUpperCase();
  if (AR_PROVINCES[trimmed]) return trimmed;
  if (/^[A-Z]$/.test(trimmed) && AR_PROVINCES[`AR-${trimmed}`]) return `AR-${trimmed}`;
  return BY_NAME.get(fold(region));
}

/** The province's name for a code or a name; the text as given when it is neither. */
export function provinceName(region: string | undefined): string {
  const code = provinceCode(region);
  return code ? AR_PROVINCES[code]! : (region ?? '').trim();
}

/** Words after which a number names the street, not the door ("Calle 13 1450", "Ruta 8 km 50"). */
const NUMBERED_STREET = new Set(['calle', 'ruta', 'diagonal', 'diag', 'pasaje', 'boulevard', 'bv']);

/** "Av. Corrientes 1234 piso 5" → street "Av. Corrientes", number "1234", rest "piso 5"; "S/N" when there is no number. */
export function splitStreet(line1: string): { street: string; number: string; rest: string } {
  const words = line1.replace(/,/g, ' ').replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!.replace(/^(n(ro|°|º)?\.?|#)/i, '');
    if (!/^\d{1,6}[a-zA-Z]?$/.test(w)) continue;
    if (NUMBERED_STREET.has(fold(words[i - 1]!))) continue;
    const street = words.slice(0, i);
    if (street.length > 1 && /^(n(ro|°|º)?\.?|#)$/i.test(street[street.length - 1]!)) street.pop();
    return { street: street.join(' '), number: w, rest: words.slice(i + 1).join(' ') };
  }
  return { street: words.join(' '), number: 'S/N', rest: '' };
}

/** "Juana María Gonzalez" → first "Juana María", last "Gonzalez"; a single word is both. */
export function splitName(full: string): { first: string; last: string } {
  const words = full.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length <= 1) return { first: words[0] ?? '', last: words[0] ?? '' };
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1]! };
}

/** Cut to a field's documented length (carrier forms refuse longer values instead of cutting them). */
export function fit(text: string | undefined, max: number): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** Digits of an AR postcode ("C1425DKA" → "1425"; "1425" stays). */
export function postcodeDigits(address: Pick<CarrierAddress, 'postalCode'>): string {
  const pc = (address.postalCode ?? '').toUpperCase().replace(/\s+/g, '');
  const cpa = /^[A-Z](\d{4})[A-Z]{3}$/.exec(pc);
  if (cpa) return cpa[1]!;
  return pc.replace(/\D/g, '');
}
