import type { LatLng } from '../../core/geo';

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
export function addressPoint(rng: () => number, place: LatLng): LatLng {
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
