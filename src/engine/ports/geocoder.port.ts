/** Finds coordinates for an address a channel sent without them. */
export interface GeocodeQuery {
  city: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  line1?: string;
}

export interface GeocodeResult {
  lat: number;
  lng: number;
  /** How close the point is to the address: the city centre, the postal code area, or the street address. */
  precision: 'city' | 'postal_code' | 'address';
  /** Which geocoder answered ("gazetteer", "nominatim", …) and what it matched, for the order's record. */
  source: string;
  matched: string;
}

/** The bundled offline gazetteer is the default; an online geocoder can be plugged in front of it. */
export interface Geocoder {
  geocode(q: GeocodeQuery): Promise<GeocodeResult | null>;
}
