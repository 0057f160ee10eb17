/**
 * An in-memory index of available-to-promise by SKU and location, for decisions at speed (the
 * benchmark, the routing simulator). It is a copy refreshed from the database, never the truth:
 * a reservation is still made by the guarded UPDATE, which re-checks the stock row.
 */
export class StockIndex {
  private readonly bySku = new Map<string, Map<string, number>>();

  /** Sets the available quantity of a SKU at a location (≤ 0 removes it). */
  set(locationId: string, sku: string, qty: number): void {
    let row = this.bySku.get(sku);
    if (qty <= 0) {
      row?.delete(locationId);
      return;
    }
    if (!row) this.bySku.set(sku, (row = new Map()));
    row.set(locationId, qty);
  }

  get(locationId: string, sku: string): number {
    return this.bySku.get(sku)?.get(locationId) ?? 0;
  }

  /** Takes units (a simulated reservation); false, and nothing taken, when there are not enough. */
  take(locationId: string, sku: string, qty: number): boolean {
    const have = this.get(locationId, sku);
    if (have < qty) return false;
    this.set(locationId, sku, have - qty);
    return true;
  }

  /** Locations holding a SKU. */
  holders(sku: string): ReadonlyMap<string, number> {
    return this.bySku.get(sku) ?? EMPTY;
  }

  clone(): StockIndex {
    const c = new StockIndex();
    for (const [sku, row] of this.bySku) c.bySku.set(sku, new Map(row));
    return c;
  }

  /** The lookup the decision takes. */
  readonly lookup = (locationId: string, sku: string): number => this.get(locationId, sku);
}

const EMPTY: ReadonlyMap<string, number> = new Map();
