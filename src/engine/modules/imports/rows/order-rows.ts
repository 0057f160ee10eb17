import { OrderDraftSchema, type FieldIssue, type OrderDraft } from '../../../../shared';
import { COLUMN_NAMES, type ImportColumn } from './import-columns';
import type { RawRow } from './file-rows';

/**
 * One data row of a file: its row number as a spreadsheet shows it (the header is row 1), its
 * cells by our column names, and what is wrong with the row as read (a broken quote, a NUL), if anything.
 */
export interface FileRow {
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
  problems?: RowProblem[];
}

/** The rows of one order, in file order. */
export interface OrderGroup {
  orderRef: string;
  rows: FileRow[];
}

/** Why a row was not imported: the column at fault (when one is) and what to do about it. */
export interface RowProblem {
  line: number;
  column: ImportColumn | null;
  reason: string;
}

export type GroupItem = { kind: 'order'; group: OrderGroup } | { kind: 'stray'; row: FileRow; problem: RowProblem };

/** Cells of a header-mapped row, trimmed; blank cells are absent. A cell with a NUL character fails its row (the file is damaged). */
export function toFileRow(columns: readonly (ImportColumn | null)[], raw: Pick<RawRow, 'line' | 'values' | 'problem'>): FileRow {
  const { line, values } = raw;
  const cells: FileRow['cells'] = {};
  const problems: RowProblem[] = [];
  if (raw.problem)
    problems.push({ line, column: raw.problem.column === null ? null : (columns[raw.problem.column] ?? null), reason: raw.problem.reason });
  columns.forEach((c, i) => {
    let v = values[i];
    if (!c || v === undefined) return;
    if (v.includes('\u0000')) {
      v = v.replaceAll('\u0000', '');
      problems.push({
        line,
        column: c,
        reason: `${c} contains a NUL character (byte 0), which is not text: the file is damaged or was saved in another encoding; check the row (the failed-rows file has it without the character) and import it again`,
      });
    }
    v = v.trim();
    if (v) cells[c] = v;
  });
  return problems.length ? { line, cells, problems } : { line, cells };
}

export const isBlankRow = (values: readonly string[]) => values.every((v) => !v || !v.trim());

/**
 * Groups consecutive rows by `order_id` without holding the file: an order is complete when a row
 * of another order begins. Rows of an order that was already complete (not adjacent) and rows
 * without an order id come out as strays with their reason.
 */
export async function* groupOrders(rows: AsyncIterable<FileRow>): AsyncGenerator<GroupItem> {
  const done = new Map<string, number>();
  let current: OrderGroup | null = null;
  // A row that could not be read keeps its own reason when it cannot join an order.
  const own = (row: FileRow): RowProblem | undefined =>
    row.problems?.length
      ? { line: row.line, column: row.problems[0]!.column, reason: row.problems.map((p) => p.reason).join('; ') }
      : undefined;
  for await (const row of rows) {
    const ref = row.cells.order_id;
    if (!ref) {
      yield {
        kind: 'stray',
        row,
        problem: own(row) ?? {
          line: row.line,
          column: 'order_id',
          reason: 'order_id is empty; give every row the id of the order it belongs to',
        },
      };
      continue;
    }
    if (current && current.orderRef === ref) {
      current.rows.push(row);
      continue;
    }
    const firstLine = done.get(ref);
    if (firstLine !== undefined) {
      yield {
        kind: 'stray',
        row,
        problem: own(row) ?? {
          line: row.line,
          column: 'order_id',
          reason: `order ${ref} started at line ${firstLine} and other orders came between; put all rows of an order together`,
        },
      };
      continue;
    }
    if (current) yield { kind: 'order', group: current };
    done.set(ref, row.line);
    current = { orderRef: ref, rows: [row] };
  }
  if (current) yield { kind: 'order', group: current };
}

/** Columns that describe the order (the same on each of its rows); the rest describe the line. */
const ORDER_COLUMNS: readonly ImportColumn[] = COLUMN_NAMES.filter((c) => !['sku', 'title', 'quantity', 'unit_price'].includes(c));

/** "1.234,56" / "1,234.56" / "1234,5" / "12.50" → a number; null when it is not one. */
export function parseDecimal(s: string): number | null {
  let t = s.replace(/[\s$]/g, '');
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  if (comma > dot) t = t.replace(/\./g, '').replace(',', '.');
  else if (dot > comma && comma >= 0) t = t.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

const DELIVERY: Record<string, OrderDraft['deliveryType']> = {
  home_delivery: 'home_delivery',
  home: 'home_delivery',
  delivery: 'home_delivery',
  domicilio: 'home_delivery',
  envio: 'home_delivery',
  envio_a_domicilio: 'home_delivery',
  store_pickup: 'store_pickup',
  pickup: 'store_pickup',
  retiro: 'store_pickup',
  retiro_en_tienda: 'store_pickup',
  retiro_en_sucursal: 'store_pickup',
  click_and_collect: 'store_pickup',
};

const key = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** ISO date-time, or a plain date (YYYY-MM-DD or DD/MM/YYYY, taken as end of day UTC−3, Argentina). */
export function parsePromised(s: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) return null;
    return /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : d.toISOString();
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  let ymd: [string, string, string] | null = m ? [m[1]!, m[2]!, m[3]!] : null;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) ymd = [m[3]!, m[2]!.padStart(2, '0'), m[1]!.padStart(2, '0')];
  if (!ymd) return null;
  const iso = `${ymd[0]}-${ymd[1]}-${ymd[2]}T23:59:59-03:00`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(5, 7) !== ymd[1] ? null : iso;
}

export type DraftResult = { ok: true; draft: OrderDraft } | { ok: false; problems: RowProblem[] };

/** Which file line and column a draft field issue points at (lines[i] is the group's i-th row). */
export function locateIssue(group: OrderGroup, issue: FieldIssue): RowProblem {
  const p = issue.path.split('.');
  const first = group.rows[0]!.line;
  const at = (column: ImportColumn | null, line = first): RowProblem => ({
    line,
    column,
    reason: column ? `${column}: ${issue.message}` : issue.message,
  });
  if (p[0] === 'lines') {
    const i = Number(p[1]);
    const line = group.rows[i]?.line ?? first;
    const f = p[2];
    const col: ImportColumn | null =
      f === 'sku' || f === 'channelSku'
        ? 'sku'
        : f === 'quantity'
          ? 'quantity'
          : f === 'unitPrice'
            ? 'unit_price'
            : f === 'title'
              ? 'title'
              : null;
    return at(col, line);
  }
  const field = p.slice(-1)[0] ?? '';
  const map: Record<string, ImportColumn> = {
    externalId: 'order_id',
    name: 'customer_name',
    email: 'email',
    phone: 'phone',
    line1: 'address_line1',
    line2: 'address_line2',
    city: 'city',
    region: 'region',
    postalCode: 'postal_code',
    country: 'country',
    lat: 'lat',
    lng: 'lng',
    currency: 'currency',
    deliveryType: 'delivery_type',
    pickupLocation: 'pickup_location',
    promisedAt: 'promised_at',
    paymentStatus: 'payment_status',
    notes: 'notes',
    tags: 'tags',
    shipTo: 'address_line1',
  };
  return at(map[field] ?? (p[0] === 'tags' ? 'tags' : null));
}

/**
 * Builds the order draft of one group, or every problem with it (each naming its line, column and fix).
 * An order is all-or-nothing: the caller reports its other rows as not imported because of these.
 */
export function buildDraft(group: OrderGroup, channel: OrderDraft['channel']): DraftResult {
  // What was wrong with a row as read (a broken quote, a NUL character) sinks its order too.
  const problems: RowProblem[] = group.rows.flatMap((r) => r.problems ?? []);
  const [head] = group.rows;
  if (!head) return { ok: false, problems: [] };
  // Order-level columns: taken from the first row; a later row may repeat them or leave them blank.
  const order: Partial<Record<ImportColumn, string>> = {};
  for (const c of ORDER_COLUMNS) {
    for (const r of group.rows) {
      const v = r.cells[c];
      if (v === undefined) continue;
      if (order[c] === undefined) order[c] = v;
      else if (order[c] !== v) {
        const from = group.rows.find((x) => x.cells[c] !== undefined)!.line;
        problems.push({
          line: r.line,
          column: c,
          reason: `${c} is "${v}" here but "${order[c]}" on line ${from} of the same order; give it the same value on every row of the order, or leave it blank after the first`,
        });
      }
    }
  }
  const num = (c: ImportColumn, line: number, v: string | undefined, what: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = parseDecimal(v);
    if (n === null) problems.push({ line, column: c, reason: `${c} "${v}" is not a number; write ${what}` });
    return n ?? undefined;
  };
  const lat = num('lat', head.line, order.lat, 'decimal degrees such as -34.6037');
  const lng = num('lng', head.line, order.lng, 'decimal degrees such as -58.3816');
  if ((lat === undefined) !== (lng === undefined) && !problems.some((p) => p.column === 'lat' || p.column === 'lng')) {
    problems.push({
      line: head.line,
      column: lat === undefined ? 'lat' : 'lng',
      reason: 'give both lat and lng, or neither (the address is then located by city and postal code)',
    });
  }
  let deliveryType: OrderDraft['deliveryType'] = 'home_delivery';
  if (order.delivery_type) {
    const d = DELIVERY[key(order.delivery_type)];
    if (!d)
      problems.push({
        line: head.line,
        column: 'delivery_type',
        reason: `delivery_type "${order.delivery_type}" is not known; write home_delivery (domicilio) or store_pickup (retiro)`,
      });
    else deliveryType = d;
  }
  if (deliveryType === 'store_pickup' && !order.pickup_location) {
    problems.push({
      line: head.line,
      column: 'pickup_location',
      reason: 'store pickup needs pickup_location: the code of the store (e.g. ST-001)',
    });
  }
  let promisedAt: string | undefined;
  if (order.promised_at) {
    promisedAt = parsePromised(order.promised_at) ?? undefined;
    if (!promisedAt)
      problems.push({
        line: head.line,
        column: 'promised_at',
        reason: `promised_at "${order.promised_at}" is not a date; write 2026-12-24, 24/12/2026 or 2026-12-24T18:00:00-03:00`,
      });
  }
  const seenSku = new Map<string, number>();
  const lines = group.rows.map((r) => {
    const q = r.cells.quantity;
    const quantity = q === undefined ? undefined : parseDecimal(q);
    if (q === undefined)
      problems.push({
        line: r.line,
        column: 'quantity',
        reason: 'quantity is empty; write the number of units (a whole number, 1 or more)',
      });
    else if (quantity === null || quantity === undefined || !Number.isInteger(quantity) || quantity < 1)
      problems.push({ line: r.line, column: 'quantity', reason: `quantity "${q}" is not a whole number of units; write 1 or more` });
    if (!r.cells.sku) problems.push({ line: r.line, column: 'sku', reason: 'sku is empty; write the product code' });
    else if (seenSku.has(r.cells.sku)) {
      problems.push({
        line: r.line,
        column: 'sku',
        reason: `SKU ${r.cells.sku} is already on line ${seenSku.get(r.cells.sku)} of this order; merge the two rows into one with the total quantity`,
      });
    } else seenSku.set(r.cells.sku, r.line);
    const unitPrice = num('unit_price', r.line, r.cells.unit_price, 'the price per unit such as 12500.50');
    if (unitPrice !== undefined && unitPrice < 0)
      problems.push({ line: r.line, column: 'unit_price', reason: 'unit_price is negative; write the price per unit (0 or more)' });
    return { channelSku: r.cells.sku ?? '', title: r.cells.title, quantity: quantity ?? 0, unitPrice };
  });
  if (problems.length) return { ok: false, problems };

  const candidate = {
    channel,
    externalId: group.orderRef,
    customer: { name: order.customer_name, email: order.email, phone: order.phone },
    shipTo: {
      name: order.customer_name,
      line1: order.address_line1,
      line2: order.address_line2,
      city: order.city,
      region: order.region,
      postalCode: order.postal_code,
      country: order.country,
      phone: order.phone,
      lat,
      lng,
    },
    deliveryType,
    pickupLocation: order.pickup_location,
    currency: order.currency ?? 'ARS',
    lines,
    promisedAt,
    paymentStatus: order.payment_status ? key(order.payment_status) : undefined,
    notes: order.notes,
    tags: order.tags
      ? order.tags
          .split(/[;,|]/)
          .map((t) => t.trim())
          .filter(Boolean)
      : [],
  };
  const parsed = OrderDraftSchema.safeParse(candidate);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => locateIssue(group, { path: i.path.join('.'), message: i.message })) };
  }
  return { ok: true, draft: parsed.data };
}
