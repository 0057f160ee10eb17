/** A marker on screen: its centre in pixels and its radius. */
export interface ScreenMarker {
  id: string;
  x: number;
  y: number;
  r: number;
}

/** Pixels kept between two markers set apart. */
export const DECLUTTER_GAP = 3;

/**
 * Where to draw markers that would overlap, as pixel offsets from their true places: markers
 * closer than their radii (plus a gap) form a group — transitively — and each group's members are
 * set evenly on a ring around the group's centre, in the order given (callers put the most
 * important first: it goes on top, at twelve o'clock). Markers alone get no offset.
 *
 * The DCs and dark stores of one city sit a few pixels apart at country zoom; set apart, each
 * stays visible and clickable, and they meet their true places again as the planner zooms in.
 */
export function declutter(markers: readonly ScreenMarker[], gap = DECLUTTER_GAP): Map<string, { dx: number; dy: number }> {
  const parent = markers.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  // Only neighbours can overlap: bucket by cells as wide as the largest overlap distance (linear, not n²).
  const cell = 2 * Math.max(1, ...markers.map((m) => m.r)) + gap;
  const buckets = new Map<string, number[]>();
  markers.forEach((m, i) => {
    const k = `${Math.floor(m.x / cell)}:${Math.floor(m.y / cell)}`;
    const b = buckets.get(k);
    if (b) b.push(i);
    else buckets.set(k, [i]);
  });
  markers.forEach((a, i) => {
    const cx = Math.floor(a.x / cell),
      cy = Math.floor(a.y / cell);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const j of buckets.get(`${cx + dx}:${cy + dy}`) ?? []) {
          if (j <= i) continue;
          const b = markers[j]!;
          if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r + gap) parent[find(j)] = find(i);
        }
  });
  const groups = new Map<number, number[]>();
  markers.forEach((_, i) => {
    const g = groups.get(find(i));
    if (g) g.push(i);
    else groups.set(find(i), [i]);
  });
  const out = new Map<string, { dx: number; dy: number }>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const cx = members.reduce((s, i) => s + markers[i]!.x, 0) / members.length;
    const cy = members.reduce((s, i) => s + markers[i]!.y, 0) / members.length;
    const rMax = Math.max(...members.map((i) => markers[i]!.r));
    // Neighbours on the ring are one chord apart: at least two radii and the gap.
    const ring = Math.max(rMax + gap / 2, (2 * rMax + gap) / (2 * Math.sin(Math.PI / members.length)));
    members.forEach((i, k) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * k) / members.length;
      const m = markers[i]!;
      out.set(m.id, { dx: cx + ring * Math.cos(angle) - m.x, dy: cy + ring * Math.sin(angle) - m.y });
    });
  }
  return out;
}
