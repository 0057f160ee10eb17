/** A place in the profile spec: keys and array indices, e.g. ['strategies', 0, 'weights', 'distance']. */
export type SpecPath = readonly (string | number)[];

/** The spec written in the editor's text, or null while the text is not valid JSON (the form waits for it). */
export function parsedSpec(specText: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(specText) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The value at `path` (undefined when absent or the text is not valid JSON). */
export function specValue(specText: string, path: SpecPath): unknown {
  let v: unknown = parsedSpec(specText);
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/**
 * The spec text with `value` at `path` (objects on the way created; `undefined` removes the key),
 * re-indented — the form and the JSON view edit the same text. Unchanged while the text is not valid JSON.
 */
export function withSpecValue(specText: string, path: SpecPath, value: unknown): string {
  const spec = parsedSpec(specText);
  if (!spec || path.length === 0) return specText;
  const root: Record<string | number, unknown> = structuredClone(spec);
  let at: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const next = at[k];
    if (next === null || typeof next !== 'object') at[k] = typeof path[i + 1] === 'number' ? [] : {};
    at = at[k] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(at) && typeof last === 'number') at.splice(last, 1);
    else delete at[last];
  } else at[last] = value;
  return JSON.stringify(root, null, 2);
}

/** The spec text with the list at `path` changed by `edit` (add, remove or reorder its items). */
export function withSpecList(specText: string, path: SpecPath, edit: (list: unknown[]) => unknown[]): string {
  const list = specValue(specText, path);
  return withSpecValue(specText, path, edit(Array.isArray(list) ? [...list] : []));
}

/** A number typed in a field: empty → null (for "no limit" fields), else the number, or undefined when not a number. */
export function numberOrNull(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
