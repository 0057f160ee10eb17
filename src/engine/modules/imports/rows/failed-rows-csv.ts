import { COLUMN_NAMES } from './import-columns';

/** A CSV field, quoted when it must be; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
export function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d+([.,]\d+)?$/.test(v) ? `'${v}` : v;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The failed rows as a file to fix and import again: the layout's columns (those the rows use),
 * then the original line and the reason. Re-importing it skips nothing that was imported.
 */
export function failedRowsCsv(rows: { line: number; reason: string; cells: Record<string, string> }[]): string {
  const used = COLUMN_NAMES.filter((c) => rows.some((r) => r.cells[c] !== undefined));
  const header = [...used, 'source_line', 'reason'];
  const out = [header.join(',')];
  for (const r of rows) out.push([...used.map((c) => r.cells[c] ?? ''), String(r.line), r.reason].map(csvField).join(','));
  return `${out.join('\r\n')}\r\n`;
}
