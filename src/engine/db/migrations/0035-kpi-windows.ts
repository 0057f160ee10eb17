import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The KPI strip reads the last day of the order flow by time, not order by order: the timeline's
 * sourcing decisions and departures (the events that moved an order to sourced, unfillable, shipped
 * or delivered — a part of the timeline, so writes to the index stay cheap) and the fulfilment
 * orders, each in time order. Its figures then cost a range of each index, whatever the history.
 */
export class KpiWindows1764145000035 implements MigrationInterface {
  name = 'KpiWindows1764145000035';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX order_events_kpi_idx ON order_events (at) WHERE to_status IN ('sourced', 'unfillable', 'shipped', 'delivered');
      CREATE INDEX fulfilment_orders_created_idx ON fulfilment_orders (created_at);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS order_events_kpi_idx; DROP INDEX IF EXISTS fulfilment_orders_created_idx;`);
  }
}
