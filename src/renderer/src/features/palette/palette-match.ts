/**
 * How the command palette matches what is typed: every word typed must appear in the command's
 * label or its keywords (case and accents ignored — "ubicacion" finds "ubicación"). Commands whose
 * label begins with the text come first, then those whose label has a word beginning with each
 * word typed, then any other label match, then keyword-only matches; ties keep the list's order.
 */

/** What the palette needs of a command to match it. */
export interface Matchable {
  label: string;
  /** More words that find the command, not shown (another language's name, a synonym). */
  keywords?: string;
}

/** Lower case without accents, spaces collapsed: the form both sides are compared in. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const words = (text: string) =>
  normalize(text)
    .split(/[\s\-–—:/·,.()#“”«»"]+/)
    .filter(Boolean);

/** The rank of a command for a query (lower is better), or null when it does not match. */
export function matchScore(command: Matchable, query: string): number | null {
  const q = normalize(query);
  if (!q) return 0;
  const tokens = q.split(' ');
  const label = normalize(command.label);
  const all = `${label} ${normalize(command.keywords ?? '')}`;
  if (!tokens.every((t) => all.includes(t))) return null;
  if (label.startsWith(q)) return 0;
  const labelWords = words(command.label);
  if (tokens.every((t) => labelWords.some((w) => w.startsWith(t)))) return 1;
  if (tokens.every((t) => label.includes(t))) return 2;
  return 3;
}

/** The commands that match `query`, best first (a stable sort: equal ranks keep the list's order). */
export function rankCommands<C extends Matchable>(commands: readonly C[], query: string): C[] {
  return commands
    .map((c, i) => ({ c, i, s: matchScore(c, query) }))
    .filter((x): x is { c: C; i: number; s: number } => x.s !== null)
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.c);
}

/** The order number in "#1042", "1042" or "# 1042", or null when the text is not one. */
export function parseOrderNumber(query: string): number | null {
  const m = /^#?\s*(\d{1,15})$/.exec(query.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
