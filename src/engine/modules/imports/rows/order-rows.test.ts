import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildDraft,
  groupOrders,
  parseDecimal,
  parsePromised,
  toFileRow,
  type FileRow,
  type GroupItem,
  type OrderGroup,
} from './order-rows';

const base = {
  order_id: 'A-1',
  customer_name: 'Lucía Fernández',
  address_line1: 'Av. Santa Fe 3253',
  city: 'Buenos Aires',
  country: 'AR',
  lat: '-34.588',
  lng: '-58.41',
};
const row = (line: number, cells: FileRow['cells']): FileRow => ({ line, cells });
async function* from(rows: FileRow[]) {
  yield* rows;
}
async function collect(rows: FileRow[]): Promise<GroupItem[]> {
  const out: GroupItem[] = [];
  for await (const g of groupOrders(from(rows))) out.push(g);
  return out;
}

describe('grouping rows into orders', () => {
  it('groups consecutive rows of one order and reports strays', async () => {
    const items = await collect([
      row(2, { ...base, sku: 'S1', quantity: '1' }),
      row(3, { order_id: 'A-1', sku: 'S2', quantity: '2' }),
      row(4, { ...base, order_id: 'A-2', sku: 'S1', quantity: '1' }),
      row(5, { sku: 'S3', quantity: '1' }),
      row(6, { ...base, order_id: 'A-1', sku: 'S9', quantity: '1' }),
    ]);
    expect(
      items.map((i) => (i.kind === 'order' ? `${i.group.orderRef}:${i.group.rows.map((r) => r.line).join('+')}` : `stray:${i.row.line}`)),
    ).toEqual(['A-1:2+3', 'stray:5', 'stray:6', 'A-2:4']);
    const stray6 = items.find((i) => i.kind === 'stray' && i.row.line === 6);
    expect(stray6?.kind === 'stray' && stray6.problem.reason).toMatch(/started at line 2/);
  });

  it('every row comes out exactly once, whatever the order ids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('', 'A', 'B', 'C'), { maxLength: 40 }), async (ids) => {
        const rows = ids.map((id, i) => row(i + 2, id ? { order_id: id } : {}));
        const items = await collect(rows);
        const lines = items.flatMap((i) => (i.kind === 'order' ? i.group.rows.map((r) => r.line) : [i.row.line])).sort((a, b) => a - b);
        expect(lines).toEqual(rows.map((r) => r.line));
      }),
    );
  });
});

describe('a row as read', () => {
  const columns = ['order_id', 'customer_name', null, 'sku'] as const;

  it('fails a cell with a NUL character, naming its column, and keeps the value without it', () => {
    const r = toFileRow(columns, { line: 7, values: ['A-1', 'Ana\u0000 Gómez ', 'x\u0000', 'S1'] });
    expect(r.cells).toEqual({ order_id: 'A-1', customer_name: 'Ana Gómez', sku: 'S1' });
    expect(r.problems).toEqual([
      { line: 7, column: 'customer_name', reason: expect.stringMatching(/^customer_name contains a NUL character/) },
    ]);
  });

  it('keeps what the reader found wrong, against the column it names, and sinks the order with it', async () => {
    const broken = toFileRow(columns, {
      line: 3,
      values: ['A-1', 'Lucía Fernández', '', 'S2'],
      problem: { column: 1, reason: 'the quotes are broken' },
    });
    expect(broken.problems).toEqual([{ line: 3, column: 'customer_name', reason: 'the quotes are broken' }]);
    const r = buildDraft(
      { orderRef: 'A-1', rows: [row(2, { ...base, sku: 'S1', quantity: '1' }), { ...broken, cells: { ...broken.cells, quantity: '1' } }] },
      'csv',
    );
    expect(r.ok === false && r.problems).toEqual([{ line: 3, column: 'customer_name', reason: 'the quotes are broken' }]);
    // Without an order id, the row keeps its own reason.
    const unread = toFileRow(columns, { line: 9, values: ['', 'x'], problem: { column: null, reason: 'not read: …' } });
    const items = await collect([unread]);
    expect(items[0]).toMatchObject({ kind: 'stray', problem: { line: 9, column: null, reason: 'not read: …' } });
  });
});

describe('building a draft from an order group', () => {
  const group = (rows: FileRow[]): OrderGroup => ({ orderRef: rows[0]!.cells.order_id!, rows });

  it('builds a complete draft with lines, prices in either decimal style and tags', () => {
    const r = buildDraft(
      group([
        row(2, {
          ...base,
          sku: 'S1',
          quantity: '2',
          unit_price: '1.234,50',
          tags: 'vip; regalo',
          delivery_type: 'Domicilio',
          promised_at: '24/12/2026',
        }),
        row(3, { order_id: 'A-1', customer_name: 'Lucía Fernández', sku: 'S2', quantity: '1', unit_price: '99.9' }),
      ]),
      'csv',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.lines).toEqual([
      { channelSku: 'S1', quantity: 2, unitPrice: 1234.5 },
      { channelSku: 'S2', quantity: 1, unitPrice: 99.9 },
    ]);
    expect(r.draft.shipTo).toMatchObject({ lat: -34.588, lng: -58.41, country: 'AR' });
    expect(r.draft.tags).toEqual(['vip', 'regalo']);
    expect(r.draft.currency).toBe('ARS');
    expect(r.draft.promisedAt).toBe('2026-12-24T23:59:59-03:00');
  });

  it('names the line, the column and the fix for each bad cell', () => {
    const r = buildDraft(
      group([
        row(2, { ...base, sku: 'S1', quantity: 'dos', email: 'not-an-email' }),
        row(3, { order_id: 'A-1', city: 'Córdoba', sku: 'S1', quantity: '1' }),
        row(4, { order_id: 'A-1', sku: 'S3', quantity: '1', unit_price: 'abc' }),
      ]),
      'csv',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byCol = Object.fromEntries(r.problems.map((p) => [`${p.line}:${p.column}`, p.reason]));
    expect(byCol['2:quantity']).toMatch(/"dos" is not a whole number/);
    expect(byCol['3:city']).toMatch(/"Córdoba" here but "Buenos Aires" on line 2/);
    expect(byCol['3:sku']).toMatch(/already on line 2.*merge/);
    expect(byCol['4:unit_price']).toMatch(/not a number/);
  });

  it('reports schema problems (an e-mail) against their column', () => {
    const r = buildDraft(group([row(2, { ...base, sku: 'S1', quantity: '1', email: 'nope' })]), 'csv');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ line: 2, column: 'email' });
  });

  it('needs both coordinates or neither, and a store for pickup', () => {
    const r = buildDraft(group([row(2, { ...base, lng: undefined, sku: 'S1', quantity: '1', delivery_type: 'retiro' })]), 'csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.column).sort()).toEqual(['lng', 'pickup_location']);
  });
});

describe('cell parsers', () => {
  it('reads numbers in Spanish and English notation', () => {
    expect(parseDecimal('1.234,56')).toBe(1234.56);
    expect(parseDecimal('1,234.56')).toBe(1234.56);
    expect(parseDecimal('12,5')).toBe(12.5);
    expect(parseDecimal('$ 100')).toBe(100);
    expect(parseDecimal('12a')).toBeNull();
  });
  it('reads dates and refuses impossible ones', () => {
    expect(parsePromised('2026-12-24')).toBe('2026-12-24T23:59:59-03:00');
    expect(parsePromised('2026-12-24T10:00:00Z')).toBe('2026-12-24T10:00:00Z');
    expect(parsePromised('31/02/2026')).toBeNull();
    expect(parsePromised('mañana')).toBeNull();
  });
});
