import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { Actor } from '../../src/engine/engine.types';
import type { Order, OrderDetail, SourcingProfile } from '../../src/shared';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { eventually, queueBackends, type TestDatabase } from '../support/test-database';

const SUPERVISOR: Actor = { id: 'u-super', name: 'Sofía Supervisora', role: 'supervisor' };

describe.each(queueBackends('sourcing profiles and splits'))(
  'sourcing profiles, split orders and re-optimisation on real Postgres (queues on $name)',
  ({ redisUrl }) => {
    let db: TestDatabase;
    let engine: Engine;

    // The profiles and the simulator's orders are the whole engine's: each case starts on a database of its own.
    beforeEach(async () => {
      ({ db, engine } = await startFixtureEngine(
        [
          { location: 'loc-palermo', sku: 'SPLIT-X', onHand: 4 },
          { location: 'loc-quilmes', sku: 'SPLIT-Y', onHand: 4 },
          { location: 'loc-cordoba', sku: 'SPLIT-X', onHand: 9 },
        ],
        { redisUrl },
      ));
    });
    afterEach(async () => {
      await engine?.close();
      await db?.drop();
    });

    const detail = (id: string) => engine.dispatch('orders.get', { id }, PLANNER);
    const waitFor = (id: string, status: string) =>
      eventually(async () => ((await detail(id)).status === status ? detail(id) : undefined), `order ${id} to be ${status}`);
    /** A draft of the default profile that never splits (a supervisor's, as in the first case). */
    const saveNoSplitDraft = async () => {
      const [active] = await engine.dispatch('sourcing.profiles.list', {}, PLANNER);
      return engine.dispatch(
        'sourcing.profiles.saveDraft',
        {
          key: 'default',
          name: 'Default, one shipment',
          selector: active!.selector,
          spec: { ...active!.spec, strategies: active!.spec.strategies.map((s) => ({ ...s, maxSplits: 1 })) },
        },
        SUPERVISOR,
      );
    };
    /** An order of SPLIT-X and SPLIT-Y (no single location has both), once sourced. */
    const placeSplitOrder = async (x: number, y: number) => {
      const { order } = await engine.dispatch(
        'orders.create',
        {
          order: anOrder({
            lines: [
              { sku: 'SPLIT-X', quantity: x, unitPrice: 20_000 },
              { sku: 'SPLIT-Y', quantity: y, unitPrice: 30_000 },
            ],
          }),
        },
        PLANNER,
      );
      return waitFor(order.id, 'sourced');
    };
    /** Receipts at Ezeiza: the ledger row moves on hand (the inventory trigger), so the stock row starts at 0. */
    const receiveAtEzeiza = async () => {
      for (const sku of ['SPLIT-X', 'SPLIT-Y']) {
        await db.pool.query(`INSERT INTO stock (location_id, sku, on_hand) VALUES ('loc-dc-ezeiza', $1, 0)`, [sku]);
        await db.pool.query(
          `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ('loc-dc-ezeiza', $1, 50, 'receipt', 'test')`,
          [sku],
        );
      }
    };
    const ledgerDrift = async () =>
      (
        await db.pool.query(`
        SELECT s.location_id, s.sku FROM stock s
        LEFT JOIN (SELECT location_id, sku, sum(on_hand_delta) oh, sum(reserved_delta) rs FROM stock_movements GROUP BY 1, 2) l USING (location_id, sku)
        LEFT JOIN (SELECT location_id, sku, sum(quantity) q FROM reservations WHERE status = 'reserved' GROUP BY 1, 2) r USING (location_id, sku)
        WHERE s.on_hand <> coalesce(l.oh, 0) OR s.reserved <> coalesce(l.rs, 0) OR s.reserved <> coalesce(r.q, 0)`)
      ).rows;

    it('starts with an active default profile; drafts are versions, activation retires the old one', async () => {
      const [first] = await engine.dispatch('sourcing.profiles.list', {}, PLANNER);
      expect(first).toMatchObject({ key: 'default', version: 1, status: 'active' });
      const draft = await engine.dispatch(
        'sourcing.profiles.saveDraft',
        {
          key: 'default',
          name: 'Default, no splits',
          selector: first!.selector,
          spec: { ...first!.spec, strategies: first!.spec.strategies.map((s) => ({ ...s, maxSplits: 1 })) },
        },
        SUPERVISOR,
      );
      expect(draft).toMatchObject({ version: 2, status: 'draft' });
      const edited = await engine.dispatch(
        'sourcing.profiles.saveDraft',
        { key: 'default', name: 'Default, one shipment', selector: first!.selector, spec: draft.spec },
        SUPERVISOR,
      );
      expect(edited).toMatchObject({ id: draft.id, version: 2, name: 'Default, one shipment' });
      await expect(
        engine.dispatch(
          'sourcing.profiles.saveDraft',
          { key: 'default', name: 'x', selector: first!.selector, spec: first!.spec },
          PLANNER,
        ),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        engine.dispatch(
          'sourcing.profiles.saveDraft',
          {
            key: 'default',
            name: 'x',
            selector: first!.selector,
            spec: { ...first!.spec, rateCard: [{ name: 'z', maxKm: 10, base: 1, perKg: 1, transitDays: 1 }] },
          },
          SUPERVISOR,
        ),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', issues: [expect.objectContaining({ path: 'spec.rateCard.0.maxKm' })] });
      // The database itself refuses to change an active version, or to delete it.
      await expect(db.pool.query(`UPDATE sourcing_profiles SET spec = '{}' WHERE id = $1`, [first!.id])).rejects.toThrow(
        /immutable: save a draft/,
      );
      await expect(db.pool.query(`DELETE FROM sourcing_profiles WHERE id = $1`, [first!.id])).rejects.toThrow(/only drafts can be deleted/);
      // The simulator compares a draft with the active profile, which still splits.
      const sim = await engine.dispatch(
        'sourcing.simulate',
        { draftId: draft.id, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
        PLANNER,
      );
      expect(sim.activeProfileId).toBe(first!.id);
      await expect(engine.dispatch('sourcing.profiles.activate', { id: draft.id }, PLANNER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('splits an order no single location can fill: one fulfilment order per location, explained', async () => {
      await saveNoSplitDraft();
      const o = (
        await engine.dispatch(
          'orders.create',
          {
            order: anOrder({
              lines: [
                { sku: 'SPLIT-X', quantity: 2, unitPrice: 20_000 },
                { sku: 'SPLIT-Y', quantity: 1, unitPrice: 30_000 },
              ],
            }),
          },
          PLANNER,
        )
      ).order as Order;
      const d = await waitFor(o.id, 'sourced');
      const fo = await db.pool.query(`SELECT location_id, status FROM fulfilment_orders WHERE order_id = $1 ORDER BY location_id`, [o.id]);
      expect(fo.rows).toEqual([
        { location_id: 'loc-palermo', status: 'assigned' },
        { location_id: 'loc-quilmes', status: 'assigned' },
      ]);
      const res = await db.pool.query(
        `SELECT r.location_id, r.sku, r.quantity, f.location_id AS fo_location FROM reservations r JOIN fulfilment_orders f ON f.id = r.fulfilment_order_id WHERE r.order_id = $1 ORDER BY r.sku`,
        [o.id],
      );
      expect(res.rows).toEqual([
        { location_id: 'loc-palermo', sku: 'SPLIT-X', quantity: 2, fo_location: 'loc-palermo' },
        { location_id: 'loc-quilmes', sku: 'SPLIT-Y', quantity: 1, fo_location: 'loc-quilmes' },
      ]);
      expect(d.locationId).toBe('loc-palermo'); // the part with most units
      const data = d.timeline.find((e) => e.type === 'order.sourced')!.data as {
        chosen: string;
        profile: { key: string; version: number };
        candidates: { locationId: string; parts: unknown[] }[];
        excluded: { locationId: string; reason: string }[];
      };
      expect(data.chosen).toBe('loc-palermo+loc-quilmes');
      expect(data.profile).toMatchObject({ key: 'default', version: 1 });
      expect(data.candidates[0]!.parts).toHaveLength(2);
      expect(data.excluded.find((e) => e.locationId === 'loc-cordoba')?.reason).toMatch(/no stock of SKU SPLIT-Y .*only part of the order/);
      expect(data.excluded.find((e) => e.locationId === 'loc-dc-ezeiza')?.reason).toBe('no stock of SKU SPLIT-X (needs 2, has 0)');
      expect(await ledgerDrift()).toEqual([]);
      // The simulator: the active profile splits this order; the no-split draft cannot fill it.
      const draft = (await engine.dispatch('sourcing.profiles.list', {}, PLANNER)).find((p) => p.status === 'draft')!;
      const sim = await engine.dispatch(
        'sourcing.simulate',
        { draftId: draft.id, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
        PLANNER,
      );
      expect(sim.active).toMatchObject({ orders: 1, sourced: 1, splitOrders: 1, shipments: 2, splitRate: 1 });
      expect(sim.draft).toMatchObject({ orders: 1, sourced: 0, unfillable: 1, splitOrders: 0, promiseHitRate: 0 });
      expect(sim.active!.load.map((l) => l.locationId)).toEqual(['loc-palermo', 'loc-quilmes']);
    });

    it('re-optimisation moves a split order to one shipment when stock arrives, on the timeline; cancelling then releases everything', async () => {
      const o = (
        await engine.dispatch(
          'orders.create',
          {
            order: anOrder({
              lines: [
                { sku: 'SPLIT-X', quantity: 1, unitPrice: 20_000 },
                { sku: 'SPLIT-Y', quantity: 1, unitPrice: 30_000 },
              ],
            }),
          },
          PLANNER,
        )
      ).order as Order;
      await waitFor(o.id, 'sourced');
      expect((await db.pool.query(`SELECT count(*)::int n FROM fulfilment_orders WHERE order_id = $1`, [o.id])).rows[0].n).toBe(2);
      await receiveAtEzeiza();
      await expect(engine.dispatch('sourcing.reoptimise', {}, PLANNER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const pass = await engine.dispatch('sourcing.reoptimise', {}, SUPERVISOR);
      expect(pass.changed).toBeGreaterThanOrEqual(1);
      const fo = await db.pool.query(`SELECT location_id, status FROM fulfilment_orders WHERE order_id = $1 ORDER BY status, location_id`, [
        o.id,
      ]);
      expect(fo.rows).toEqual([
        { location_id: 'loc-dc-ezeiza', status: 'assigned' },
        { location_id: 'loc-palermo', status: 'cancelled' },
        { location_id: 'loc-quilmes', status: 'cancelled' },
      ]);
      const d: OrderDetail = await detail(o.id);
      expect(d.status).toBe('sourced');
      expect(d.locationId).toBe('loc-dc-ezeiza');
      const ev = d.timeline.find((e) => e.type === 'order.reoptimised')!;
      expect(ev.data).toMatchObject({
        reoptimised: {
          before: { shipments: 2, locations: ['loc-palermo', 'loc-quilmes'] },
          after: { shipments: 1, locations: ['loc-dc-ezeiza'] },
        },
      });
      expect(await ledgerDrift()).toEqual([]);
      // A second pass finds nothing better.
      const again = await engine.dispatch('sourcing.reoptimise', {}, SUPERVISOR);
      expect(again.changed).toBe(0);
      await engine.dispatch('orders.cancel', { id: o.id, reason: 'test' }, PLANNER);
      expect(
        (await db.pool.query(`SELECT count(*)::int n FROM reservations WHERE order_id = $1 AND status = 'reserved'`, [o.id])).rows[0].n,
      ).toBe(0);
      expect(await ledgerDrift()).toEqual([]);
    });

    it('the simulator replays past orders against a draft and the active profile side by side; activation switches', async () => {
      // The no-split draft, two split orders, then the Ezeiza stock received.
      await saveNoSplitDraft();
      await placeSplitOrder(2, 1);
      await placeSplitOrder(1, 1);
      await receiveAtEzeiza();
      const profiles: SourcingProfile[] = await engine.dispatch('sourcing.profiles.list', {}, PLANNER);
      const draft = profiles.find((p) => p.status === 'draft')!;
      const sim = await engine.dispatch(
        'sourcing.simulate',
        { draftId: draft.id, from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
        PLANNER,
      );
      expect(sim.draft.orders).toBe(2);
      expect(sim.active!.orders).toBe(2);
      // With the Ezeiza stock received, both profiles ship each order in one box from there.
      expect(sim.active).toMatchObject({ sourced: 2, splitOrders: 0, shipments: 2, load: [{ locationId: 'loc-dc-ezeiza', shipments: 2 }] });
      expect(sim.draft).toMatchObject({ sourced: 2, splitOrders: 0, promiseHitRate: 1 });
      const active = await engine.dispatch('sourcing.profiles.activate', { id: draft.id }, SUPERVISOR);
      expect(active).toMatchObject({ status: 'active', version: 2 });
      const after: SourcingProfile[] = await engine.dispatch('sourcing.profiles.list', {}, PLANNER);
      expect(after.map((p) => [p.version, p.status])).toEqual([
        [2, 'active'],
        [1, 'retired'],
      ]);
      await expect(engine.dispatch('sourcing.profiles.activate', { id: draft.id }, SUPERVISOR)).rejects.toMatchObject({
        code: 'ILLEGAL_TRANSITION',
      });
    });
  },
);
