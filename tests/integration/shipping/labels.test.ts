import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../src/engine';
import { simulatorCarrier } from '../../../src/engine/adapters/carriers/simulator.carrier';
import { startTestEngine } from '../../support/engine-under-test';
import { eventually, type TestDatabase } from '../../support/test-database';
import { ADMIN, ASSOCIATE, PLANNER, packedOrder, refused, shipmentsIn, simulatorAccount, startShippingEngine } from './shipping-fixture';

/**
 * The label path against real Postgres and Redis with the built-in simulator carrier: packing makes
 * draft shipments and prints only the slip; the label worker rate-shops (the decision with its
 * options and explanation, `shipping.rated` on the timeline), buys the label, the shipment is ready
 * and the carrier's own bytes print at the station; asynchronous labels pass through
 * label_pending; a refused label raises an alert; two engines never buy one label twice.
 */
describe('shipping labels', () => {
  let db: TestDatabase;
  let engine: Engine;
  let folder: string;

  beforeAll(async () => {
    ({ db, engine } = await startShippingEngine());
    folder = mkdtempSync(join(tmpdir(), 'atalaya-carrier-labels-'));
    // Shipping labels print on a PDF "printer" that writes files: the carrier's PDF must arrive as it came.
    const printer = await engine.dispatch(
      'printing.savePrinter',
      { name: 'Carpeta etiquetas', transport: 'folder', address: folder, language: 'pdf' },
      ADMIN,
    );
    await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: printer.id }, ADMIN);
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  async function only(...enabled: string[]) {
    for (const a of await engine.dispatch('carriers.list', {}, ADMIN)) {
      if (a.enabled !== enabled.includes(a.id)) {
        await engine.dispatch('carriers.save', { id: a.id, kind: a.kind, name: a.name, enabled: !a.enabled, settings: a.settings }, ADMIN);
      }
    }
  }

  it('pack → draft → rate shop → label bought → ready → the carrier PDF prints at the station as it came', async () => {
    await simulatorAccount(engine, 'sim-cheap', { priceBase: '1000', pricePerKg: '100' }, { name: 'Correo Simulado' });
    await simulatorAccount(engine, 'sim-dear', { priceBase: '9000', pricePerKg: '900' }, { name: 'Express Simulado' });
    await only('sim-cheap', 'sim-dear');
    const { order, packed } = await packedOrder(engine, 2);
    // A carrier label will print when it is bought: packing prints only the slip.
    expect(packed.printJobs.map((j) => j.docType)).toEqual(['packing_slip']);

    const shipments = await shipmentsIn(engine, order.id, 'ready', 2);
    const { decisions } = await engine.dispatch('shipping.forOrder', { orderId: order.id }, PLANNER);
    expect(decisions).toHaveLength(1);
    const d = decisions[0]!;
    expect(d).toMatchObject({ locationId: 'loc-palermo', overridden: false, decidedBy: 'Atalaya' });
    expect(d.explanation.length).toBeGreaterThan(10);
    // Both accounts were asked; each quoted its two services.
    const quoted = d.options.filter((o) => !o.excluded);
    expect(new Set(quoted.map((o) => o.carrierAccountId))).toEqual(new Set(['sim-cheap', 'sim-dear']));
    expect(quoted).toHaveLength(4);
    expect(d.options[0]).toMatchObject({ carrierAccountId: d.carrierAccountId, service: d.service });
    for (const s of shipments) {
      expect(s).toMatchObject({ carrierAccountId: d.carrierAccountId, carrier: 'simulator', service: d.service, labelFormat: 'pdf' });
      expect(s.trackingNumber).toMatch(/^SIM-/);
      expect(s.events.map((e) => [e.status, e.source, e.carrierCode])).toContainEqual(['ready', 'label', 'label_created']);
    }
    const detail = await engine.dispatch('orders.get', { id: order.id }, PLANNER);
    const types = detail.timeline.map((e) => e.type);
    expect(types).toContain('shipping.rated');
    expect(types.filter((t) => t === 'shipment.ready')).toHaveLength(2);
    expect(detail.timeline.find((e) => e.type === 'shipping.rated')!.reason).toBe(d.explanation);

    // The print job holds the carrier's bytes; the printer got exactly them.
    for (const s of shipments) {
      const label = await db.pool.query<{ format: string; bytes: Buffer }>(
        `SELECT format, bytes FROM shipment_labels WHERE shipment_id = $1`,
        [s.id],
      );
      expect(label.rows[0]!.format).toBe('pdf');
      const bytes = label.rows[0]!.bytes;
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const job = await eventually(async () => {
        const jobs = await engine.dispatch('printing.jobs', { orderId: order.id, limit: 50 }, PLANNER);
        const j = jobs.find((x) => x.docType === 'shipping_label' && x.ref.parcelId === s.parcelId);
        return j?.status === 'done' ? j : undefined;
      }, `the label of ${s.parcelCode} to print`);
      const model = await db.pool.query<{ model: { kind: string; pdfBase64: string } }>(`SELECT model FROM print_jobs WHERE id = $1`, [
        job.id,
      ]);
      expect(model.rows[0]!.model.kind).toBe('carrier_pdf');
      const file = readdirSync(folder, { recursive: true })
        .map(String)
        .find((f) => f.endsWith(`${job.id}.pdf`));
      expect(file).toBeDefined();
      expect(readFileSync(join(folder, file!)).equals(bytes)).toBe(true);
    }

    // A second print needs a reason, and is a reprint of the first.
    const s0 = shipments[0]!;
    expect(await refused(engine.dispatch('shipping.printLabel', { shipmentId: s0.id }, ASSOCIATE))).toMatchObject({
      code: 'ALREADY_PRINTED',
    });
    const again = await engine.dispatch('shipping.printLabel', { shipmentId: s0.id, reason: 'la etiqueta se rompió' }, ASSOCIATE);
    expect(again).toMatchObject({ docType: 'shipping_label', reason: 'la etiqueta se rompió' });
    expect(again.reprintOf).not.toBeNull();
  });

  it('asynchronous labels: draft → label_pending → ready', async () => {
    await simulatorAccount(engine, 'sim-async', { labels: 'async', stepSeconds: '1' });
    await only('sim-async');
    const { order } = await packedOrder(engine, 1);
    const [s] = await eventually(async () => {
      const { shipments } = await engine.dispatch('shipping.forOrder', { orderId: order.id }, PLANNER);
      return shipments[0]?.events.some((e) => e.carrierCode === 'label_created') ? shipments : undefined;
    }, 'the asynchronous label to be made');
    const labelEvents = s!.events.filter((e) => e.source === 'label').map((e) => [e.status, e.carrierCode]);
    expect(labelEvents).toEqual([
      ['label_pending', 'label_pending'],
      ['ready', 'label_created'],
    ]);
    expect(s!.carrierAccountId).toBe('sim-async');
  });

  it('a refused label sends the shipment back to draft with a label_rejected alert, and a retry after the fix buys it', async () => {
    await simulatorAccount(engine, 'sim-picky', { rules: '94:reject' });
    await only('sim-picky');
    const shipTo = {
      line1: 'San Martín 100',
      city: 'Ushuaia',
      region: 'Tierra del Fuego',
      postalCode: '9410',
      country: 'AR',
      lat: -54.8,
      lng: -68.3,
    };
    const { order } = await packedOrder(engine, 1, { shipTo });
    const s = await eventually(async () => {
      const { shipments } = await engine.dispatch('shipping.forOrder', { orderId: order.id }, PLANNER);
      return shipments[0]?.lastError ? shipments[0] : undefined;
    }, 'the label to be refused');
    expect(s.status).toBe('draft');
    expect(s.lastError).toContain('postcode 9410');
    const alerts = await db.pool.query(`SELECT reason, status, detail FROM shipment_alerts WHERE shipment_id = $1`, [s.id]);
    expect(alerts.rows).toEqual([{ reason: 'label_rejected', status: 'open', detail: expect.stringContaining('refused the label') }]);
    const due = await db.pool.query(`SELECT next_action_at FROM shipments WHERE id = $1`, [s.id]);
    expect(due.rows[0].next_action_at).toBeNull(); // a person acts: nothing retries on its own

    // The carrier is fixed (the rule removed); a person retries: the label is bought, the alert resolved.
    await simulatorAccount(engine, 'sim-picky', {});
    const retried = await engine.dispatch('shipping.retryLabel', { shipmentId: s.id }, ASSOCIATE);
    expect(retried.lastError).toBeNull();
    await shipmentsIn(engine, order.id, 'ready', 1);
    const after = await db.pool.query(`SELECT status FROM shipment_alerts WHERE shipment_id = $1`, [s.id]);
    expect(after.rows).toEqual([{ status: 'resolved' }]);
  });

  it('no enabled carrier can take it: every account excluded with why, an alert, and the draft waits', async () => {
    await simulatorAccount(engine, 'sim-broken', { labels: 'sometimes' });
    await only('sim-broken');
    const { order } = await packedOrder(engine, 1);
    const s = await eventually(async () => {
      const { shipments } = await engine.dispatch('shipping.forOrder', { orderId: order.id }, PLANNER);
      return shipments[0]?.lastError ? shipments[0] : undefined;
    }, 'the rate shop to give up');
    expect(s).toMatchObject({ status: 'draft', carrierAccountId: null, carrier: 'pending' });
    expect(s.lastError).toContain('no carrier can take this parcel');
    expect(s.lastError).toContain('labels is "sometimes"');
    const alerts = await db.pool.query(`SELECT reason FROM shipment_alerts WHERE shipment_id = $1 AND status = 'open'`, [s.id]);
    expect(alerts.rows).toEqual([{ reason: 'label_rejected' }]);
  });

  it('two engines working one database never buy the same label twice', async () => {
    await simulatorAccount(engine, 'sim-race', {});
    await only('sim-race');
    const second = await startTestEngine(db.url, { redisUrl: process.env.REDIS_URL });
    const create = vi.spyOn(simulatorCarrier, 'createShipment');
    try {
      const orders = [];
      for (let i = 0; i < 4; i++) orders.push((await packedOrder(engine, 2, {}, false)).order);
      for (const o of orders) await shipmentsIn(engine, o.id, 'ready', 2);
      const parcels = orders.flatMap((o) => [`AT${o.number}-1`, `AT${o.number}-2`]);
      const calls = create.mock.calls.map((c) => c[1].reference).filter((r) => parcels.includes(r));
      expect(calls.sort()).toEqual([...parcels].sort());
      const ready = await db.pool.query(
        `SELECT s.id, count(e.id)::int AS n FROM shipments s JOIN tracking_events e ON e.shipment_id = s.id AND e.dedupe_key = 'label:ready'
         WHERE s.order_id = ANY($1::uuid[]) GROUP BY s.id`,
        [orders.map((o) => o.id)],
      );
      expect(ready.rows).toHaveLength(8);
      expect(ready.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    } finally {
      create.mockRestore();
      await second.close();
    }
  });

  it('with no carrier enabled, packing prints its own label as before', async () => {
    await only();
    const { packed } = await packedOrder(engine, 1);
    expect(packed.printJobs.map((j) => j.docType)).toEqual(['packing_slip', 'shipping_label']);
  });
});
