/**
 * Seeded randomness for the demo generators: the same seed gives the same demo data on every
 * machine. Pure and dependency-free (no Math.random anywhere in the demo data).
 */

/** A seeded PRNG (mulberry32): returns a function giving floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit hash of a string (FNV-1a), to derive per-item seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A well-mixed 32-bit hash of an integer (murmur3's finaliser), e.g. to scatter item numbers. */
export function hashInt(n: number): number {
  let h = n >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One item of a non-empty list, uniformly. */
export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** An integer in [min, max], both included. */
export function intBetween(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** The index of an item drawn with probability proportional to its (non-negative) weight. */
export function weightedIndex(rng: () => number, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += Math.max(0, w);
  let r = rng() * total;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = Math.max(0, weights[i]!);
    if (w === 0) continue;
    last = i;
    r -= w;
    if (r < 0) return i;
  }
  return last === -1 ? 0 : last;
}
