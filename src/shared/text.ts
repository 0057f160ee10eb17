import type { FieldIssue } from './errors';

/**
 * Text the database can store. A JavaScript string (what JSON.parse makes of `"\u0000"` or
 * `"\ud800"`) may hold a NUL character or a lone UTF-16 surrogate; PostgreSQL text and jsonb hold
 * neither, and UTF-8 cannot encode a lone surrogate. Such text is refused where it comes in — every
 * contract input (the engine's dispatcher), every channel message (the inbox worker), every webhook
 * path — with the field named, instead of failing later in the database.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** Why a string cannot be stored, or null when it can. */
export function unstorableText(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  const at = `at character ${m.index + 1}`;
  return m[0] === '\u0000'
    ? `contains a NUL character (\\u0000) ${at}, which cannot be stored; remove it`
    : `contains a lone UTF-16 surrogate (\\u${m[0].charCodeAt(0).toString(16).toUpperCase()}) ${at}, which is not valid Unicode text; send well-formed UTF-8`;
}

/** The text with every NUL and lone surrogate replaced by U+FFFD: for reasons and notes that quote what was sent. */
export function storableText(s: string): string {
  return UNSTORABLE.test(s) ? s.replace(UNSTORABLE_ALL, '\uFFFD') : s;
}

/**
 * Every string (value or key) in a JSON-like value that cannot be stored, as field issues with
 * dotted paths from `base` (at most `limit`). Keys are named with the bad characters replaced, so
 * the issue itself is always storable.
 */
export function unstorableTextIssues(value: unknown, base = '', limit = 20): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): void => {
    if (issues.length >= limit) return;
    if (typeof v === 'string') {
      const why = unstorableText(v);
      if (why) issues.push({ path: path || '(body)', message: why });
      return;
    }
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, join(path, String(i))));
      return;
    }
    if (v instanceof Uint8Array) return; // binary data (a Buffer) is not text
    for (const [k, x] of Object.entries(v)) {
      const keyWhy = unstorableText(k);
      if (keyWhy) {
        if (issues.length < limit) issues.push({ path: join(path, storableText(k)), message: `the field name ${keyWhy}` });
        continue;
      }
      walk(x, join(path, k));
    }
  };
  walk(value, base);
  return issues;
}
