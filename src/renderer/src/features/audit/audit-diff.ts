/** One changed field of an audited command: its key, and the value before and after (undefined: absent). */
export interface ChangedKey {
  key: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a command changed, key by key: the top-level keys whose values differ between `before` and
 * `after` (nested values compared whole). Two values that are not objects are one change with the
 * key "" — unless equal, then nothing changed.
 */
export function changedKeys(before: unknown, after: unknown): ChangedKey[] {
  if (!isRecord(before) || !isRecord(after)) {
    return same(before ?? null, after ?? null) ? [] : [{ key: '', before: before ?? undefined, after: after ?? undefined }];
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => !same(before[k], after[k])).map((key) => ({ key, before: before[key], after: after[key] }));
}

/** A value in a diff cell: short JSON, "—" for absent. */
export function showValue(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  const s = JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
