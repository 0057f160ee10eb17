/**
 * Regions as channels spell them → GeoNames admin1 codes, so the gazetteer can tell Córdoba (the
 * city) from the other Córdobas, or San Martín in Mendoza from the one in Buenos Aires.
 * Argentina only for now: names, ISO 3166-2 letters (WooCommerce, Mercado Libre "AR-X") and common
 * spellings. Other countries fall back to the most populous match.
 */

/** Lower-case, accents stripped, punctuation to spaces, spaces collapsed. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// [GeoNames admin1, ISO 3166-2 letter, names...]
const AR: [string, string, ...string[]][] = [
  ['01', 'B', 'Buenos Aires', 'Provincia de Buenos Aires', 'Pcia de Buenos Aires', 'PBA', 'Bs As', 'Bs. As.'],
  ['02', 'K', 'Catamarca'],
  ['03', 'H', 'Chaco'],
  ['04', 'U', 'Chubut'],
  ['05', 'X', 'Córdoba', 'Cordoba'],
  ['06', 'W', 'Corrientes'],
  [
    '07',
    'C',
    'Ciudad Autónoma de Buenos Aires',
    'CABA',
    'Capital Federal',
    'Ciudad de Buenos Aires',
    'Buenos Aires F.D.',
    'Distrito Federal',
  ],
  ['08', 'E', 'Entre Ríos'],
  ['09', 'P', 'Formosa'],
  ['10', 'Y', 'Jujuy'],
  ['11', 'L', 'La Pampa'],
  ['12', 'F', 'La Rioja'],
  ['13', 'M', 'Mendoza'],
  ['14', 'N', 'Misiones'],
  ['15', 'Q', 'Neuquén'],
  ['16', 'R', 'Río Negro'],
  ['17', 'A', 'Salta'],
  ['18', 'J', 'San Juan'],
  ['19', 'D', 'San Luis'],
  ['20', 'Z', 'Santa Cruz'],
  ['21', 'S', 'Santa Fe'],
  ['22', 'G', 'Santiago del Estero'],
  ['23', 'V', 'Tierra del Fuego', 'Tierra del Fuego, Antártida e Islas del Atlántico Sur'],
  ['24', 'T', 'Tucumán'],
];

const REGION_INDEX = new Map<string, string>();
const LETTER_INDEX = new Map<string, string>();
for (const [code, letter, ...names] of AR) {
  LETTER_INDEX.set(letter, code);
  REGION_INDEX.set(`AR|${fold(letter)}`, code);
  REGION_INDEX.set(`AR|ar ${fold(letter)}`, code);
  for (const n of names) REGION_INDEX.set(`AR|${fold(n)}`, code);
}

/** City names that mean another place in the gazetteer (CABA is "Buenos Aires" in GeoNames). */
const CITY_ALIASES = new Map<string, string>([
  ['AR|caba', 'buenos aires'],
  ['AR|capital federal', 'buenos aires'],
  ['AR|ciudad autonoma de buenos aires', 'buenos aires'],
  ['AR|ciudad de buenos aires', 'buenos aires'],
  ['AR|c a b a', 'buenos aires'],
  ['AR|cordoba capital', 'cordoba'],
  ['AR|tucuman', 'san miguel de tucuman'],
  ['AR|san miguel de tucuman', 'san miguel de tucuman'],
]);

/** The GeoNames admin1 code for a region hint, or undefined when we cannot tell. */
export function admin1For(country: string, region: string | undefined, postalCode: string | undefined): string | undefined {
  if (region) {
    const code = REGION_INDEX.get(`${country}|${fold(region)}`);
    if (code) return code;
  }
  // An Argentine CPA ("C1425ABC", "X5000") starts with its province's ISO letter.
  if (country === 'AR' && postalCode) {
    const m = /^([A-HJ-NP-Z])\d{4}/i.exec(postalCode.trim());
    if (m) return LETTER_INDEX.get(m[1]!.toUpperCase());
  }
  return undefined;
}

export function cityAlias(country: string, foldedCity: string): string | undefined {
  return CITY_ALIASES.get(`${country}|${foldedCity}`);
}
