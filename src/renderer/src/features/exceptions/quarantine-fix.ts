import { parseReason, type FieldIssue } from '../../../../shared';

/** A fix the desk knows how to offer as a form: map an unknown SKU to a catalogue SKU, or give a field a value. */
export type QuarantineFix = { type: 'sku'; sku: string; path: string } | { type: 'field'; path: string };

/** The fixes a quarantined message's field issues call for (one per issue; the same SKU once). */
export function knownFixes(issues: readonly FieldIssue[]): QuarantineFix[] {
  const fixes: QuarantineFix[] = [];
  for (const issue of issues) {
    const r = parseReason(issue.message);
    if (r && (r.code === 'intake.unknown_sku' || r.code === 'intake.unknown_sku_unmapped')) {
      const sku = r.params.sku!;
      if (!fixes.some((f) => f.type === 'sku' && f.sku === sku)) fixes.push({ type: 'sku', sku, path: issue.path });
    } else if (!/^lines\.\d+\.(sku|channelSku)$/.test(issue.path)) fixes.push({ type: 'field', path: issue.path });
  }
  return fixes;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The body with every string equal to `from` replaced by `to` (a SKU sits where each channel puts it); null when the body is not JSON. */
export function replaceSku(body: string, from: string, to: string): string | null {
  const walk = (v: Json): Json =>
    typeof v === 'string'
      ? v === from
        ? to
        : v
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  try {
    return JSON.stringify(walk(JSON.parse(body) as Json), null, 2);
  } catch {
    return null;
  }
}

/** The value at a dotted path (`shipTo.city`, `lines.0.quantity`) as text; '' when absent. */
export function valueAt(body: string, path: string): string {
  try {
    let v: unknown = JSON.parse(body);
    for (const seg of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  } catch {
    return '';
  }
}

/**
 * The body with `value` at a dotted path, made where missing; a value that reads as a number is
 * written as one when the field held a number. Null when the body is not a JSON object.
 */
export function setValueAt(body: string, path: string, value: string): string | null {
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return null;
  }
  if (!root || typeof root !== 'object') return null;
  const segs = path.split('.');
  let at = root as Record<string, unknown>;
  segs.slice(0, -1).forEach((seg, i) => {
    if (!at[seg] || typeof at[seg] !== 'object') at[seg] = /^\d+$/.test(segs[i + 1]!) ? [] : {};
    at = at[seg] as Record<string, unknown>;
  });
  const last = segs[segs.length - 1]!;
  const before = at[last];
  at[last] = typeof before === 'number' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  return JSON.stringify(root, null, 2);
}
