import type { LatLng } from '../../core/geo';
import { intBetween, pick, weightedIndex } from '../../core/rng';

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

const STREETS = [
  'San Martín',
  'Belgrano',
  'Rivadavia',
  'Mitre',
  'Sarmiento',
  '25 de Mayo',
  '9 de Julio',
  'Moreno',
  'Alvear',
  'Pellegrini',
  'Italia',
  'España',
  'Urquiza',
  'Lavalle',
  'Tucumán',
  'Entre Ríos',
  'Av. Independencia',
  'Av. del Libertador',
  'Güemes',
  'Alem',
  'Maipú',
  'Catamarca',
  'Mendoza',
  'Corrientes',
  'Santa Fe',
  'Av. Colón',
  'Almirante Brown',
  'Dorrego',
  'Las Heras',
  'Sucre',
  'French',
  'Laprida',
  'Balcarce',
  'Junín',
  'Chacabuco',
  'Hipólito Yrigoyen',
  'Pueyrredón',
  'Castelli',
  'Juan José Paso',
  'Saavedra',
  'Rondeau',
  'Bolívar',
  'Av. Perón',
  'Monteagudo',
  'Lamadrid',
];
const CABA_STREETS = [
  'Av. Corrientes',
  'Av. Santa Fe',
  'Av. Rivadavia',
  'Av. Cabildo',
  'Av. Córdoba',
  'Av. Scalabrini Ortiz',
  'Av. Díaz Vélez',
  'Av. Independencia',
  'Av. Triunvirato',
  'Av. Pueyrredón',
  'Thames',
  'Gorriti',
  'Honduras',
  'Juramento',
  'Acoyte',
  'Billinghurst',
  'Humboldt',
  'Guatemala',
  'Arenales',
  'Charcas',
  'Paraguay',
  'Tucumán',
  'Lavalle',
  'Bolívar',
  'Defensa',
  'Av. Belgrano',
  'Av. San Juan',
  'Av. Directorio',
  'Av. Nazca',
  'Olazábal',
  'Monroe',
  'Av. Álvarez Thomas',
  'Av. Forest',
  'Cramer',
  'Ciudad de la Paz',
  'Av. Boedo',
  'Av. La Plata',
  'Av. Medrano',
  'Gascón',
  'Aráoz',
  'Av. Rivadavia',
  'Yerbal',
  'Av. Gaona',
  'Nicaragua',
  'Soler',
];

interface CityInfo {
  region: string;
  /** CPA prefixes (province letter + the four digits); one is picked per address. */
  postal: readonly string[];
  /** Area code without the trunk 0 (mobile numbers are +54 9 <area> <local>, 10 digits in all). */
  area: string;
  streets?: readonly string[];
  /** La Plata's grid of numbered streets. */
  numbered?: boolean;
}

const PBA = 'Buenos Aires';
/** The demo network's cities (resources/demo/locations.json); other cities get generic details. */
const CITIES: Readonly<Record<string, CityInfo>> = {
  'Buenos Aires': {
    region: 'Ciudad Autónoma de Buenos Aires',
    postal: ['C1414', 'C1425', 'C1426', 'C1428', 'C1405', 'C1406', 'C1043', 'C1113', 'C1202', 'C1431', 'C1419', 'C1430', 'C1407', 'C1184'],
    area: '11',
    streets: CABA_STREETS,
  },
  'La Plata': { region: PBA, postal: ['B1900'], area: '221', numbered: true },
  'San Justo': { region: PBA, postal: ['B1754'], area: '11' },
  Quilmes: { region: PBA, postal: ['B1878'], area: '11' },
  'Lomas de Zamora': { region: PBA, postal: ['B1832'], area: '11' },
  'San Isidro': { region: PBA, postal: ['B1642'], area: '11' },
  Morón: { region: PBA, postal: ['B1708'], area: '11' },
  Avellaneda: { region: PBA, postal: ['B1870'], area: '11' },
  Pilar: { region: PBA, postal: ['B1629'], area: '230' },
  Tigre: { region: PBA, postal: ['B1648'], area: '11' },
  Ezeiza: { region: PBA, postal: ['B1804'], area: '11' },
  'Mar del Plata': {
    region: PBA,
    postal: ['B7600'],
    area: '223',
    streets: [
      'Av. Colón',
      'Güemes',
      'Av. Independencia',
      'Alberti',
      'Rivadavia',
      'San Martín',
      'Av. Luro',
      'Córdoba',
      'Olavarría',
      'Av. Constitución',
      'Bolívar',
      'Mitre',
      'Gascón',
    ],
  },
  'Bahía Blanca': { region: PBA, postal: ['B8000'], area: '291' },
  Córdoba: {
    region: 'Córdoba',
    postal: ['X5000'],
    area: '351',
    streets: [
      'Av. Colón',
      'Bv. San Juan',
      'Av. Vélez Sársfield',
      'Ituzaingó',
      'Obispo Trejo',
      'Av. Hipólito Yrigoyen',
      'Chacabuco',
      'Bv. Chacabuco',
      '27 de Abril',
      'Av. Rafael Núñez',
      'Av. Olmos',
      'Deán Funes',
      'Independencia',
      'Belgrano',
    ],
  },
  'Malvinas Argentinas': { region: 'Córdoba', postal: ['X5125'], area: '351' },
  Rosario: {
    region: 'Santa Fe',
    postal: ['S2000'],
    area: '341',
    streets: [
      'Bv. Oroño',
      'Córdoba',
      'San Lorenzo',
      'Pellegrini',
      'Santa Fe',
      'Mitre',
      'Entre Ríos',
      'Av. Francia',
      'Salta',
      'Mendoza',
      'Rioja',
      'Av. Eva Perón',
      'Alberdi',
      'Tucumán',
    ],
  },
  'Santa Fe': { region: 'Santa Fe', postal: ['S3000'], area: '342' },
  Mendoza: {
    region: 'Mendoza',
    postal: ['M5500'],
    area: '261',
    streets: [
      'Av. San Martín',
      'Sarmiento',
      'Arístides Villanueva',
      'Emilio Civit',
      'Av. Colón',
      'Belgrano',
      'Godoy Cruz',
      'Av. Las Heras',
      'Chile',
      'Perú',
      'Rivadavia',
      'Gutiérrez',
    ],
  },
  'Luján de Cuyo': { region: 'Mendoza', postal: ['M5507'], area: '261' },
  'San Miguel de Tucumán': { region: 'Tucumán', postal: ['T4000'], area: '381' },
  Salta: { region: 'Salta', postal: ['A4400'], area: '387' },
  'San Juan': { region: 'San Juan', postal: ['J5400'], area: '264' },
  Resistencia: { region: 'Chaco', postal: ['H3500'], area: '362' },
  Neuquén: { region: 'Neuquén', postal: ['Q8300'], area: '299' },
  Corrientes: { region: 'Corrientes', postal: ['W3400'], area: '379' },
  Posadas: { region: 'Misiones', postal: ['N3300'], area: '376' },
  Paraná: { region: 'Entre Ríos', postal: ['E3100'], area: '343' },
  'Santiago del Estero': { region: 'Santiago del Estero', postal: ['G4200'], area: '385' },
  'San Salvador de Jujuy': { region: 'Jujuy', postal: ['Y4600'], area: '388' },
  Formosa: { region: 'Formosa', postal: ['P3600'], area: '370' },
  'San Fernando del Valle de Catamarca': { region: 'Catamarca', postal: ['K4700'], area: '383' },
  'San Luis': { region: 'San Luis', postal: ['D5700'], area: '266' },
  'La Rioja': { region: 'La Rioja', postal: ['F5300'], area: '380' },
  'Comodoro Rivadavia': { region: 'Chubut', postal: ['U9000'], area: '297' },
  'San Carlos de Bariloche': { region: 'Río Negro', postal: ['R8400'], area: '294' },
  'Río Gallegos': { region: 'Santa Cruz', postal: ['Z9400'], area: '2966' },
  Ushuaia: { region: 'Tierra del Fuego', postal: ['V9410'], area: '2901' },
};

/** Cities the demo knows details (province, postal code, area code, streets) of. */
export const DEMO_CITIES: readonly string[] = Object.keys(CITIES);

/**
 * Land around the waterside cities, as [lat, lng] rings drawn a little inside the shore: a
 * shopper's address near one of these must fall inside it. Inland cities need none (±0.03° stays
 * on land there).
 */
interface LandArea {
  name: string;
  ring: readonly (readonly [number, number])[];
  /** A point well inside, the fallback when sampling keeps landing outside. */
  anchor: readonly [number, number];
}
const LAND_AREAS: readonly LandArea[] = [
  {
    // West bank of the Río de la Plata from the Paraná delta (Tigre) down to La Plata.
    name: 'AMBA',
    ring: [
      [-34.25, -59.2],
      [-34.33, -58.78],
      [-34.395, -58.66],
      [-34.412, -58.6],
      [-34.418, -58.57],
      [-34.44, -58.545],
      [-34.462, -58.518],
      [-34.475, -58.51],
      [-34.5, -58.487],
      [-34.522, -58.482],
      [-34.54, -58.448],
      [-34.556, -58.423],
      [-34.566, -58.407],
      [-34.578, -58.392],
      [-34.59, -58.375],
      [-34.608, -58.357],
      [-34.632, -58.347],
      [-34.655, -58.342],
      [-34.7, -58.267],
      [-34.75, -58.197],
      [-34.765, -58.1],
      [-34.79, -58.035],
      [-34.83, -57.978],
      [-34.85, -57.9],
      [-34.88, -57.82],
      [-35.3, -57.8],
      [-35.3, -59.2],
    ],
    anchor: [-34.62, -58.45],
  },
  {
    name: 'Mar del Plata',
    ring: [
      [-37.92, -57.58],
      [-37.97, -57.563],
      [-37.995, -57.554],
      [-38.012, -57.549],
      [-38.03, -57.542],
      [-38.06, -57.553],
      [-38.09, -57.566],
      [-38.09, -57.7],
      [-37.92, -57.7],
    ],
    anchor: [-38.0, -57.58],
  },
  {
    name: 'Bahía Blanca',
    ring: [
      [-38.65, -62.4],
      [-38.65, -62.15],
      [-38.752, -62.15],
      [-38.752, -62.4],
    ],
    anchor: [-38.715, -62.28],
  },
  {
    name: 'Comodoro Rivadavia',
    ring: [
      [-45.8, -67.445],
      [-45.825, -67.462],
      [-45.86, -67.484],
      [-45.876, -67.512],
      [-45.895, -67.527],
      [-45.93, -67.557],
      [-45.93, -67.65],
      [-45.8, -67.65],
    ],
    anchor: [-45.865, -67.52],
  },
  {
    name: 'Río Gallegos',
    ring: [
      [-51.62, -69.32],
      [-51.62, -69.205],
      [-51.635, -69.187],
      [-51.66, -69.182],
      [-51.7, -69.2],
      [-51.7, -69.32],
    ],
    anchor: [-51.635, -69.24],
  },
  {
    name: 'Ushuaia',
    ring: [
      [-54.775, -68.37],
      [-54.775, -68.24],
      [-54.796, -68.24],
      [-54.803, -68.29],
      [-54.806, -68.36],
    ],
    anchor: [-54.798, -68.31],
  },
  {
    name: 'Rosario',
    ring: [
      [-32.84, -60.718],
      [-32.885, -60.682],
      [-32.92, -60.654],
      [-32.94, -60.644],
      [-32.948, -60.638],
      [-32.98, -60.635],
      [-33.05, -60.632],
      [-33.05, -60.85],
      [-32.84, -60.85],
    ],
    anchor: [-32.95, -60.67],
  },
  {
    name: 'Santa Fe',
    ring: [
      [-31.57, -60.75],
      [-31.57, -60.688],
      [-31.62, -60.692],
      [-31.645, -60.697],
      [-31.652, -60.702],
      [-31.657, -60.716],
      [-31.655, -60.735],
      [-31.62, -60.745],
    ],
    anchor: [-31.625, -60.715],
  },
  {
    name: 'Paraná',
    ring: [
      [-31.727, -60.56],
      [-31.727, -60.46],
      [-31.8, -60.46],
      [-31.8, -60.56],
    ],
    anchor: [-31.75, -60.52],
  },
  {
    name: 'Corrientes',
    ring: [
      [-27.463, -58.845],
      [-27.463, -58.76],
      [-27.55, -58.76],
      [-27.55, -58.845],
    ],
    anchor: [-27.49, -58.81],
  },
  {
    name: 'Posadas',
    ring: [
      [-27.364, -55.88],
      [-27.364, -55.905],
      [-27.376, -55.935],
      [-27.395, -55.96],
      [-27.45, -55.96],
      [-27.45, -55.83],
      [-27.4, -55.83],
      [-27.376, -55.86],
    ],
    anchor: [-27.39, -55.91],
  },
  {
    name: 'Formosa',
    ring: [
      [-26.14, -58.25],
      [-26.14, -58.169],
      [-26.24, -58.169],
      [-26.24, -58.25],
    ],
    anchor: [-26.19, -58.2],
  },
  {
    name: 'San Carlos de Bariloche',
    ring: [
      [-41.138, -71.36],
      [-41.138, -71.24],
      [-41.2, -71.24],
      [-41.2, -71.36],
    ],
    anchor: [-41.15, -71.3],
  },
  {
    name: 'Neuquén',
    ring: [
      [-38.9, -68.12],
      [-38.9, -68.006],
      [-38.967, -68.006],
      [-38.967, -68.12],
    ],
    anchor: [-38.945, -68.07],
  },
  {
    name: 'Santiago del Estero',
    ring: [
      [-27.74, -64.32],
      [-27.74, -64.246],
      [-27.85, -64.246],
      [-27.85, -64.32],
    ],
    anchor: [-27.79, -64.27],
  },
];

function inRing(ring: readonly (readonly [number, number])[], lat: number, lng: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [yi, xi] = ring[i]!;
    const [yj, xj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const AREA_BOXES = LAND_AREAS.map((area) => {
  const lats = area.ring.map((c) => c[0]);
  const lngs = area.ring.map((c) => c[1]);
  return { area, minLat: Math.min(...lats), maxLat: Math.max(...lats), minLng: Math.min(...lngs), maxLng: Math.max(...lngs) };
});

/** The land areas that constrain addresses around a place: those whose box (plus a margin) holds it. */
function areasAround(p: LatLng): LandArea[] {
  const m = 0.06;
  return AREA_BOXES.filter((b) => p.lat >= b.minLat - m && p.lat <= b.maxLat + m && p.lng >= b.minLng - m && p.lng <= b.maxLng + m).map(
    (b) => b.area,
  );
}

/** At most this far (degrees of latitude) from the place; longitude is widened to the same distance. */
export const SHOPPER_JITTER_DEG = 0.025;
const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

/** A point within a few km of the place, on land: rejection sampling against the land areas. */
function addressPoint(rng: () => number, place: LatLng): LatLng {
  const areas = areasAround(place);
  const dLng = Math.min(0.045, SHOPPER_JITTER_DEG / Math.cos((place.lat * Math.PI) / 180));
  for (let attempt = 0; attempt < 40; attempt++) {
    const lat = place.lat + (rng() * 2 - 1) * SHOPPER_JITTER_DEG;
    const lng = place.lng + (rng() * 2 - 1) * dLng;
    if (areas.every((a) => inRing(a.ring, lat, lng))) return { lat: round5(lat), lng: round5(lng) };
  }
  const fallback = areas.find((a) => !inRing(a.ring, place.lat, place.lng));
  return fallback ? { lat: fallback.anchor[0], lng: fallback.anchor[1] } : { lat: round5(place.lat), lng: round5(place.lng) };
}

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
 * jittered by at most {@link SHOPPER_JITTER_DEG}° (a couple of km) and kept on land.
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
