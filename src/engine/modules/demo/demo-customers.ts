import type { LatLng } from '../../core/geo';
import { intBetween, pick, weightedIndex } from '../../core/rng';
import { CITIES, STREETS, type CityInfo } from './demo-cities';
import { addressPoint } from './demo-land';

/**
 * Demo shoppers for the order simulator: Argentine names, e-mails on reserved example domains,
 * mobile numbers with the city's area code, and a delivery address a few kilometres from one of
 * the retailer's locations — kept on land (out of the Río de la Plata, the Atlantic, the Paraná
 * and Nahuel Huapi) by small hand-drawn land areas around the waterside cities. Pure and
 * deterministic: the same PRNG state gives the same shopper.
 */

/** Where demand comes from: a location (or any point) with its city. */
export interface DemoPlace extends LatLng {
  city: string;
  /** Relative demand around this place (e.g. its daily capacity); default 1. */
  weight?: number;
  /** Distribution centres are not where people live: places of kind 'dc' get no shoppers. */
  kind?: string;
}

export interface DemoShopper {
  customer: { name: string; email: string; phone: string };
  shipTo: { line1: string; city: string; region?: string; postalCode?: string; country: 'AR'; lat: number; lng: number };
}

const FIRST_NAMES = [
  'Sofía',
  'Martina',
  'Lucía',
  'Valentina',
  'Catalina',
  'Emma',
  'Isabella',
  'Mía',
  'Olivia',
  'Julieta',
  'Camila',
  'Florencia',
  'Agustina',
  'Micaela',
  'Milagros',
  'Rocío',
  'Paula',
  'Carolina',
  'María Laura',
  'Gabriela',
  'Silvina',
  'Mariana',
  'Natalia',
  'Romina',
  'Verónica',
  'Daniela',
  'Luciana',
  'Belén',
  'Antonella',
  'Victoria',
  'Mateo',
  'Santiago',
  'Benjamín',
  'Joaquín',
  'Tomás',
  'Lautaro',
  'Facundo',
  'Nicolás',
  'Federico',
  'Martín',
  'Gonzalo',
  'Ignacio',
  'Juan Pablo',
  'Juan Cruz',
  'Franco',
  'Matías',
  'Lucas',
  'Agustín',
  'Bautista',
  'Thiago',
  'Emiliano',
  'Diego',
  'Pablo',
  'Sebastián',
  'Alejandro',
  'Leandro',
  'Maximiliano',
  'Ezequiel',
  'Hernán',
  'Gastón',
];
const LAST_NAMES = [
  'González',
  'Rodríguez',
  'Gómez',
  'Fernández',
  'López',
  'Díaz',
  'Martínez',
  'Pérez',
  'García',
  'Sánchez',
  'Romero',
  'Sosa',
  'Álvarez',
  'Torres',
  'Ruiz',
  'Ramírez',
  'Flores',
  'Benítez',
  'Acosta',
  'Medina',
  'Herrera',
  'Suárez',
  'Aguirre',
  'Giménez',
  'Gutiérrez',
  'Pereyra',
  'Rojas',
  'Molina',
  'Castro',
  'Ortiz',
  'Silva',
  'Núñez',
  'Luna',
  'Juárez',
  'Cabrera',
  'Ríos',
  'Ferreyra',
  'Godoy',
  'Morales',
  'Domínguez',
  'Moreno',
  'Peralta',
  'Vega',
  'Carrizo',
  'Quiroga',
  'Castillo',
  'Ledesma',
  'Muñoz',
  'Ojeda',
  'Ponce',
  'Vera',
  'Vázquez',
  'Villalba',
  'Cardozo',
  'Navarro',
  'Coronel',
  'Figueroa',
  'Rossi',
  'Russo',
  'Romano',
  'Colombo',
  'Ferrari',
  'Bianchi',
  'Fontana',
  'Costa',
  'Bruno',
  'Greco',
  'Marino',
  'Fernández Castro',
  'Goldberg',
  'Kovalenko',
  'Nakamura',
  'Haddad',
  'MacKinnon',
];
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

function phoneNumber(rng: () => number, area: string): string {
  const digits = 10 - area.length;
  let local = String(intBetween(rng, 2, 6));
  while (local.length < digits) local += String(intBetween(rng, 0, 9));
  const cut = digits - 4;
  return `+54 9 ${area} ${local.slice(0, cut)}-${local.slice(cut)}`;
}

function emailFor(rng: () => number, first: string, last: string): string {
  const f = slug(first);
  const l = slug(last);
  const n = intBetween(rng, 1, 99);
  const local = pick(rng, [`${f}.${l}`, `${f}${l}${n}`, `${f.charAt(0)}${l}`, `${l}.${f}${n}`, `${f}_${l}`]);
  return `${local}@${pick(rng, EMAIL_DOMAINS)}`;
}

function streetLine(rng: () => number, info: CityInfo | undefined): string {
  if (info?.numbered) return `Calle ${intBetween(rng, 1, 72)} N° ${intBetween(rng, 100, 2200)}`;
  const street = pick(rng, info?.streets ?? STREETS);
  const line = `${street} ${intBetween(rng, 1, 59) * 100 + intBetween(rng, 0, 99)}`;
  // Flats are common in the big cities' centres.
  if (info?.area === '11' && rng() < 0.45) return `${line}, piso ${intBetween(rng, 1, 14)} ${pick(rng, ['A', 'B', 'C', 'D', 'E', 'F'])}`;
  return line;
}

/**
 * A demo customer and a delivery address near one of the places, drawn by weight (DCs excluded),
 * jittered by at most SHOPPER_JITTER_DEG° (demo-land.ts) (a couple of km) and kept on land.
 */
export function demoShopper(rng: () => number, places: readonly DemoPlace[]): DemoShopper {
  if (places.length === 0) throw new RangeError('demoShopper needs at least one place');
  const weights = places.map((p) => (p.kind === 'dc' ? 0 : Math.max(0, p.weight ?? 1)));
  const place = places[weightedIndex(rng, weights)]!;
  const info = CITIES[place.city];
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, LAST_NAMES);
  const point = addressPoint(rng, place);
  const shipTo: DemoShopper['shipTo'] = { line1: streetLine(rng, info), city: place.city, country: 'AR', lat: point.lat, lng: point.lng };
  if (info) {
    shipTo.region = info.region;
    shipTo.postalCode = pick(rng, info.postal);
  }
  return {
    customer: { name: `${first} ${last}`, email: emailFor(rng, first, last), phone: phoneNumber(rng, info?.area ?? '11') },
    shipTo,
  };
}
