import type { LatLng } from './geo';
import { pick } from './rng';

const FIRST = ['Lucía', 'Sofía', 'Martina', 'Valentina', 'Catalina', 'Camila', 'Julieta', 'Florencia', 'Agustina', 'Micaela', 'Mateo', 'Santiago', 'Benjamín', 'Joaquín', 'Tomás', 'Lautaro', 'Facundo', 'Nicolás', 'Federico', 'Martín', 'Gonzalo', 'Ignacio', 'Rocío', 'Milagros', 'Paula'];
const LAST = ['González', 'Rodríguez', 'Gómez', 'Fernández', 'López', 'Díaz', 'Martínez', 'Pérez', 'García', 'Sánchez', 'Romero', 'Sosa', 'Álvarez', 'Torres', 'Ruiz', 'Ramírez', 'Flores', 'Benítez', 'Acosta', 'Medina', 'Herrera', 'Suárez', 'Aguirre', 'Giménez', 'Gutiérrez'];
const STREETS = ['Av. Corrientes', 'Av. Santa Fe', 'Av. Rivadavia', 'San Martín', 'Belgrano', 'Mitre', 'Sarmiento', 'Av. Colón', '9 de Julio', '25 de Mayo', 'Moreno', 'Alvear', 'Av. Pellegrini', 'Italia', 'España', 'Urquiza', 'Lavalle', 'Tucumán', 'Entre Ríos', 'Independencia'];

export interface DemoPlace extends LatLng {
  city: string;
  /** Relative weight of demand around this place (e.g. daily capacity). */
  weight?: number;
}

const strip = (s: string) => s.normalize('NFKD').replace(/[^\w]/g, '').toLowerCase();

/**
 * A demo customer and a delivery address near one of the places (weighted by demand), jittered by
 * at most ~3 km so it stays on land near the city.
 */
export function demoShopper(rng: () => number, places: readonly DemoPlace[]) {
  const total = places.reduce((s, p) => s + (p.weight ?? 1), 0);
  let r = rng() * total;
  let place = places[0]!;
  for (const p of places) {
    r -= p.weight ?? 1;
    if (r <= 0) {
      place = p;
      break;
    }
  }
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  const phone = `+54 9 11 ${String(Math.floor(rng() * 9000) + 1000)}-${String(Math.floor(rng() * 9000) + 1000)}`;
  return {
    customer: { name: `${first} ${last}`, email: `${strip(first)}.${strip(last)}${Math.floor(rng() * 100)}@example.com.ar`, phone },
    shipTo: {
      line1: `${pick(rng, STREETS)} ${100 + Math.floor(rng() * 4900)}`,
      city: place.city,
      country: 'AR',
      lat: Math.round((place.lat + (rng() - 0.5) * 0.05) * 1e5) / 1e5,
      lng: Math.round((place.lng + (rng() - 0.5) * 0.05) * 1e5) / 1e5,
    },
  };
}
