import { describe, expect, it } from 'vitest';
import { parseReason } from '../../../../shared';
import { buildDraft, groupOrders, type FileRow, type GroupItem } from './order-rows';

/**
 * The reasons an import row fails with are the shared catalogue's sentences (src/shared/reasons.ts),
 * so the desk can say them in its own language: a reworded reason here fails this test until the
 * catalogue (and its translations) follow.
 */
const base = { order_id: 'A-1', customer_name: 'Lucía', address_line1: 'Av. Santa Fe 3253', city: 'Buenos Aires', country: 'AR' };
const row = (line: number, cells: FileRow['cells']): FileRow => ({ line, cells });

async function strays(rows: FileRow[]): Promise<string[]> {
  const out: string[] = [];
  async function* from() {
    yield* rows;
  }
  for await (const g of groupOrders(from()) as AsyncIterable<GroupItem>) if (g.kind === 'stray') out.push(g.problem.reason);
  return out;
}

describe('import row reasons', () => {
  it('are sentences of the shared catalogue', async () => {
    const r = buildDraft(
      {
        orderRef: 'A-1',
        rows: [
          row(2, { ...base, lat: 'norte', delivery_type: 'a caballo', promised_at: 'pronto', sku: 'S1', quantity: '' }),
          row(3, { order_id: 'A-1', city: 'Córdoba', sku: 'S1', quantity: 'dos' }),
          row(4, { order_id: 'A-1', quantity: '1' }),
        ],
      },
      'csv',
    );
    const reasons = r.ok ? [] : r.problems.map((p) => p.reason);
    expect(reasons.length).toBeGreaterThanOrEqual(6);
    expect(reasons.map((x) => [x, parseReason(x)?.code ?? null]).filter(([, code]) => code === null)).toEqual([]);
    const pickup = buildDraft(
      { orderRef: 'B-1', rows: [row(2, { ...base, order_id: 'B-1', delivery_type: 'store_pickup', sku: 'S1', quantity: '1' })] },
      'csv',
    );
    expect(pickup.ok === false && parseReason(pickup.problems[0]!.reason)?.code).toBe('import.pickup_location_missing');
  });

  it('names strays with catalogue sentences too', async () => {
    const reasons = await strays([
      row(2, { ...base, sku: 'S1', quantity: '1' }),
      row(3, { ...base, order_id: 'A-2', sku: 'S1', quantity: '1' }),
      row(4, { sku: 'S3', quantity: '1' }),
      row(5, { ...base, order_id: 'A-1', sku: 'S9', quantity: '1' }),
    ]);
    expect(reasons.map((x) => parseReason(x)?.code)).toEqual(['import.order_id_empty', 'import.rows_apart']);
  });
});
