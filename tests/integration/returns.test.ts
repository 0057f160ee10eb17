import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { AppError, Return } from '../../src/shared';
import { ASSOCIATE, migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { ledgerMismatches, stockOf, SUPERVISOR } from '../support/sourcing-ops';
import { createTestDatabase, eventually, type TestDatabase } from '../support/test-database';
import { ADMIN } from '../support/tracking-fixture';
import { startSmtpServer, type SmtpTestServer } from '../support/notify/smtp-server';
import { startShopifyAdmin } from '../support/loopback/shopify-admin';
import { inTransaction, openDatabase, type Db } from '../../src/engine/db/data-source';
import { expireReturns } from '../../src/engine/modules/returns/workflows/approved';
import { returnsFromCarrier } from '../../src/engine/modules/returns/workflows/returned-to-sender';
import { SYSTEM_ACTOR } from '../../src/engine/kernel/context';

const LOC = 'loc-palermo';

describe('returns: request, policy, approvals, receipt, inspection, refund', () => {
  let db: TestDatabase;
  let engine: Engine;
  let ds: Db;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [
      { location: LOC, sku: 'RET-A', onHand: 500 },
      { location: LOC, sku: 'RET-B', onHand: 500 },
    ]);
    await db.pool.query(`UPDATE products SET price = 25000 WHERE sku IN ('RET-A', 'RET-B')`);
    engine = await startTestEngine(db.url, { workers: true });
    ds = await openDatabase({ url: db.url, poolSize: 2 });
    // Customers are told by e-mail, through a real SMTP server on loopback.
    smtp = await startSmtpServer();
    await engine.dispatch(
      'notifications.saveProvider',
      {
        channel: 'email',
        settings: { host: smtp.host, port: smtp.port, security: 'none', from: { address: 'pedidos@tienda.example', name: 'Tienda' } },
      },
      ADMIN,
    );
    const ns = await engine.dispatch('notifications.settings', {}, PLANNER);
    await engine.dispatch('notifications.saveSettings', { ...ns, merchantName: 'Tienda', quietHours: null }, ADMIN);
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await smtp?.close();
    await engine?.close();
    await db?.drop();
  });

  /** An order delivered to the customer (through the desk's moves), its units committed at the store. */
  const deliveredOrder = async (lines: { sku: string; quantity: number; unitPrice: number }[], deliveredDaysAgo = 1) => {
    const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines }) }, PLANNER);
    await eventually(
      async () => ((await engine.dispatch('orders.get', { id: order.id }, PLANNER)).status === 'sourced' ? true : undefined),
      'sourced',
    );
    for (const to of ['picked', 'packed', 'shipped', 'delivered'] as const)
      await engine.dispatch('orders.advance', { id: order.id, to }, PLANNER);
    await db.pool.query(`UPDATE fulfilment_orders SET updated_at = now() - make_interval(days => $2) WHERE order_id = $1`, [
      order.id,
      deliveredDaysAgo,
    ]);
    await db.pool.query(`UPDATE shipments SET delivered_at = now() - make_interval(days => $2) WHERE order_id = $1`, [
      order.id,
      deliveredDaysAgo,
    ]);
    return order;
  };
  const returnStock = async (sku: string) =>
    ((await db.pool.query(`SELECT on_hand FROM return_stock WHERE location_id = $1 AND sku = $2`, [LOC, sku])).rows[0]?.on_hand as
      number | undefined) ?? 0;
  const returnLedgerMismatches = async () =>
    (
      await db.pool.query(`
        SELECT s.location_id, s.sku FROM return_stock s LEFT JOIN return_stock_movements m ON m.location_id = s.location_id AND m.sku = s.sku
        GROUP BY s.location_id, s.sku, s.on_hand HAVING s.on_hand <> coalesce(sum(m.delta), 0)`)
    ).rows;
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => expect.fail('expected a refusal'),
      (e: unknown) => e as AppError,
    );

  it('within Argentina’s right of withdrawal: approved at once with a procedure code; received into returns stock, restocked, refunded, closed', async () => {
    const order = await deliveredOrder([{ sku: 'RET-A', quantity: 2, unitPrice: 25_000 }]);
    const sellableBefore = (await stockOf(db.pool, 'RET-A'))[LOC]!.onHand;
    const r = await engine.dispatch(
      'returns.request',
      {
        orderId: order.id,
        lines: [{ sku: 'RET-A', quantity: 1, reason: 'changed_mind', condition: 'unopened' }],
        method: 'store_drop_off',
        locationId: LOC,
      },
      PLANNER,
    );
    expect(r).toMatchObject({
      status: 'approved',
      verdict: 'approve',
      legalWithdrawal: true,
      value: 25_000,
      source: 'desk',
      decidedBy: 'return policy',
    });
    expect(r.procedureCode).toMatch(/^ARR-[A-Z2-9]{10}$/);
    expect(r.reasons.map((x) => x.code)).toContain('legal_withdrawal');
    // Its label is queued at this desk's station, valid for the settings' 15 days, its barcode the return's code.
    const days = (new Date(r.labelExpiresAt!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(14.9);
    expect(days).toBeLessThanOrEqual(15);
    const job = (await db.pool.query(`SELECT doc_type, title, model FROM print_jobs WHERE doc_key = $1`, [`return_label:${r.id}`])).rows[0];
    expect(job).toMatchObject({ doc_type: 'return_label', title: `Etiqueta de devolución R-${r.number}` });
    expect(job.model).toMatchObject({
      kind: 'return_label',
      returnCode: `R-${r.number}`,
      orderNumber: order.number,
      from: { name: 'Lucía Fernández' },
    });

    // Found by its number at the counter; received: the unit waits in returns stock, not for sale.
    const found = await engine.dispatch('returns.get', { number: r.number }, ASSOCIATE);
    expect(found?.return.id).toBe(r.id);
    const received = await engine.dispatch(
      'returns.receive',
      { id: r.id, locationId: LOC, lines: [{ lineNo: 1, outcome: 'received', quantity: 1 }] },
      ASSOCIATE,
    );
    expect(received).toMatchObject({ status: 'received', locationId: LOC, refundedAt: null });
    expect(await returnStock('RET-A')).toBe(1);
    expect((await stockOf(db.pool, 'RET-A'))[LOC]!.onHand).toBe(sellableBefore);
    // Receiving again does not count the unit twice.
    await expect(
      engine.dispatch(
        'returns.receive',
        { id: r.id, locationId: LOC, lines: [{ lineNo: 1, outcome: 'received', quantity: 1 }] },
        ASSOCIATE,
      ),
    ).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });

    // Inspected as restock: sellable stock rises, returns stock empties, the refund is issued and the return closed.
    const closed = await engine.dispatch('returns.inspect', { id: r.id, lines: [{ lineNo: 1, disposition: 'restock' }] }, ASSOCIATE);
    expect(closed).toMatchObject({ status: 'closed', refundedAmount: 25_000 });
    expect((await stockOf(db.pool, 'RET-A'))[LOC]!.onHand).toBe(sellableBefore + 1);
    expect(await returnStock('RET-A')).toBe(0);
    const detail = await engine.dispatch('orders.get', { id: order.id }, PLANNER);
    expect(detail.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['return.approved', 'return.received', 'refund.issued', 'return.closed']),
    );
    const history = (await engine.dispatch('returns.get', { id: r.id }, PLANNER))!.events.map((e) => e.type);
    expect(history).toEqual([
      'return.requested',
      'return.label_printed',
      'return.received',
      'return.inspected',
      'refund.issued',
      'return.closed',
    ]);
    expect(await ledgerMismatches(db.pool)).toEqual([]);
    expect(await returnLedgerMismatches()).toEqual([]);

    // The customer was told, in Spanish: the approval with the code and where to bring it, then the refund.
    const mails = await eventually(async () => {
      const m = smtp.messages.filter((x) => x.subject.includes(`#${order.number}`));
      return m.some((x) => x.subject.startsWith('Aprobamos tu devolución')) &&
        m.some((x) => x.subject.startsWith('Recibimos tu devolución')) &&
        m.some((x) => x.subject.startsWith('Te devolvimos'))
        ? m
        : undefined;
    }, 'the approval and refund e-mails');
    const approved = mails.find((x) => x.subject === `Aprobamos tu devolución R-${r.number} del pedido #${order.number}`);
    expect(approved?.text).toMatch(new RegExp(`Llevá el producto a .+ y mostrá el código R-${r.number} en el mostrador`));
    expect(approved?.html).not.toContain('Descargar la etiqueta');
    // Argentina's withdrawal: the procedure code goes to the customer with the approval, at once.
    expect(approved?.text).toContain(r.procedureCode!);
    const arrived = mails.find((x) => x.subject === `Recibimos tu devolución R-${r.number} del pedido #${order.number}`);
    expect(arrived?.text).toMatch(new RegExp(`Tu devolución R-${r.number} del pedido #${order.number} llegó a .+\\.`));
    const refunded = mails.find((x) => x.subject.startsWith('Te devolvimos'));
    expect(refunded?.text).toMatch(/25\.000/);
  });

  it('above the automatic limit it waits for review; a planner above their limit is refused, a supervisor approves, named in the audit', async () => {
    await engine.dispatch(
      'returns.saveSettings',
      { ...(await engine.dispatch('returns.settings', {}, PLANNER)), approvalLimits: { planner: 30_000, supervisor: null } },
      ADMIN,
    );
    const settings = await engine.dispatch('returns.settings', {}, PLANNER);
    await engine.dispatch('returns.saveSettings', { ...settings, policy: { ...settings.policy, autoApproveUpTo: 40_000 } }, ADMIN);
    const order = await deliveredOrder([{ sku: 'RET-B', quantity: 2, unitPrice: 25_000 }]);
    const r = await engine.dispatch(
      'returns.request',
      { orderId: order.id, lines: [{ sku: 'RET-B', quantity: 2, reason: 'wrong_size' }] },
      PLANNER,
    );
    expect(r).toMatchObject({ status: 'requested', verdict: 'review', value: 50_000, decidedBy: null });
    // Waiting for a person: the customer hears the request was received (with the withdrawal code, due within 24 h).
    const requestedMail = await eventually(
      async () => smtp.messages.find((x) => x.subject === `Recibimos tu pedido de devolución del pedido #${order.number}`),
      'the request e-mail',
    );
    expect(requestedMail.text).toContain(`R-${r.number}`);
    if (r.procedureCode) expect(requestedMail.text).toContain(r.procedureCode);
    expect(r.reasons.map((x) => x.code)).toContain('value_review');
    expect(new Date(r.dueAt!).getTime()).toBeGreaterThan(Date.now());
    const queue = await engine.dispatch('returns.list', { review: true }, PLANNER);
    expect(queue.map((x) => x.id)).toContain(r.id);

    const byPlanner = await engine.dispatch('returns.decide', { ids: [r.id], decision: 'approve' }, PLANNER);
    expect(byPlanner.decided).toEqual([]);
    expect(byPlanner.refused[0]!.reason).toMatch(/above your approval limit of 30000: a supervisor approves it/);
    const noReason = await refusal(engine.dispatch('returns.decide', { ids: [r.id], decision: 'reject' }, SUPERVISOR));
    expect(noReason.code).toBe('VALIDATION_FAILED');

    const bySupervisor = await engine.dispatch(
      'returns.decide',
      { ids: [r.id], decision: 'approve', reason: 'cliente frecuente' },
      SUPERVISOR,
    );
    expect(bySupervisor.decided[0]).toMatchObject({ status: 'approved', decidedBy: SUPERVISOR.name, decisionReason: 'cliente frecuente' });
    const audit = await eventually(async () => {
      const rows = await db.pool.query(
        `SELECT user_name, outcome, subject FROM audit_log WHERE action = 'returns.decide' AND outcome = 'ok' ORDER BY id DESC LIMIT 1`,
      );
      return rows.rows[0] as { user_name: string; subject: string } | undefined;
    }, 'the approval in the audit');
    expect(audit).toMatchObject({ user_name: SUPERVISOR.name, subject: `returns R-${r.number}` });
    expect((await engine.dispatch('returns.list', { review: true }, PLANNER)).map((x) => x.id)).not.toContain(r.id);
  });

  it('an approved return whose label runs out before it comes back expires; it can no longer be received', async () => {
    const order = await deliveredOrder([{ sku: 'RET-A', quantity: 1, unitPrice: 25_000 }]);
    const r = await engine.dispatch(
      'returns.request',
      { orderId: order.id, lines: [{ sku: 'RET-A', quantity: 1, reason: 'late' }], printLabel: false },
      PLANNER,
    );
    expect(r.status).toBe('approved');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM print_jobs WHERE doc_key = $1`, [`return_label:${r.id}`])).rows[0].n).toBe(
      0,
    );
    await db.pool.query(`UPDATE returns SET label_expires_at = now() - interval '1 minute' WHERE id = $1`, [r.id]);
    const n = await inTransaction(ds, (m) => expireReturns(m, SYSTEM_ACTOR));
    expect(n).toBeGreaterThanOrEqual(1);
    const got = (await engine.dispatch('returns.get', { id: r.id }, PLANNER))!;
    expect(got.return.status).toBe('expired');
    expect(got.events.at(-1)).toMatchObject({ type: 'return.expired', fromStatus: 'approved', toStatus: 'expired' });
    const late = await refusal(
      engine.dispatch(
        'returns.receive',
        { id: r.id, locationId: LOC, lines: [{ lineNo: 1, outcome: 'received', quantity: 1 }] },
        ASSOCIATE,
      ),
    );
    expect(late.code).toBe('ILLEGAL_TRANSITION');
  });

  it('an exchange becomes a new order of what came back, at no charge, sourced as usual; store credit is recorded, not refunded', async () => {
    const order = await deliveredOrder([{ sku: 'RET-B', quantity: 2, unitPrice: 25_000 }]);
    const r = await engine.dispatch(
      'returns.request',
      {
        orderId: order.id,
        lines: [{ sku: 'RET-B', quantity: 1, reason: 'wrong_size' }],
        resolution: 'exchange',
        locationId: LOC,
        printLabel: false,
      },
      PLANNER,
    );
    await engine.dispatch(
      'returns.receive',
      { id: r.id, locationId: LOC, lines: [{ lineNo: 1, outcome: 'received', quantity: 1 }] },
      ASSOCIATE,
    );
    const closed = await engine.dispatch('returns.inspect', { id: r.id, lines: [{ lineNo: 1, disposition: 'restock' }] }, ASSOCIATE);
    expect(closed).toMatchObject({ status: 'closed', refundedAmount: null });
    const ordered = (await engine.dispatch('returns.get', { id: r.id }, PLANNER))!.events.find((e) => e.type === 'exchange.ordered');
    expect(ordered).toBeDefined();
    const exch = await db.pool.query(`SELECT id, channel, external_id, status, notes FROM orders WHERE external_id = $1`, [
      `EXCH-R-${r.number}`,
    ]);
    expect(exch.rows[0]).toMatchObject({
      channel: 'call_center',
      notes: `Cambio de la devolución R-${r.number} (pedido #${order.number})`,
    });
    const lines = await db.pool.query(`SELECT sku, quantity, unit_price FROM order_lines WHERE order_id = $1`, [exch.rows[0].id]);
    expect(lines.rows).toEqual([{ sku: 'RET-B', quantity: 1, unit_price: '0.00' }]);
    await eventually(
      async () => ((await engine.dispatch('orders.get', { id: exch.rows[0].id }, PLANNER)).status === 'sourced' ? true : undefined),
      'the exchange order to be sourced',
    );

    const credit = await engine.dispatch(
      'returns.request',
      {
        orderId: order.id,
        lines: [{ sku: 'RET-B', quantity: 1, reason: 'wrong_size' }],
        resolution: 'store_credit',
        locationId: LOC,
        printLabel: false,
      },
      PLANNER,
    );
    await engine.dispatch(
      'returns.receive',
      { id: credit.id, locationId: LOC, lines: [{ lineNo: 1, outcome: 'received', quantity: 1 }] },
      ASSOCIATE,
    );
    const credited = await engine.dispatch(
      'returns.inspect',
      { id: credit.id, lines: [{ lineNo: 1, disposition: 'refurbish' }] },
      ASSOCIATE,
    );
    expect(credited).toMatchObject({ status: 'closed', refundedAmount: 25_000 });
    const timeline = (await engine.dispatch('orders.get', { id: order.id }, PLANNER)).timeline.map((e) => e.type);
    expect(timeline).toContain('store_credit.issued');
    expect(timeline).not.toContain('refund.issued');
  });

  it('a parcel the carrier brings back undelivered becomes a return on its way to the store, received like any other', async () => {
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: [{ sku: 'RET-A', quantity: 2, unitPrice: 25_000 }] }) },
      PLANNER,
    );
    await eventually(
      async () => ((await engine.dispatch('orders.get', { id: order.id }, PLANNER)).status === 'sourced' ? true : undefined),
      'sourced',
    );
    for (const to of ['picked', 'packed', 'shipped'] as const) await engine.dispatch('orders.advance', { id: order.id, to }, PLANNER);
    // The carrier's tracking says it is coming back (as a tracking event would set it).
    const shipment = (await db.pool.query(`SELECT id FROM shipments WHERE order_id = $1`, [order.id])).rows[0] as { id: string };
    await db.pool.query(`UPDATE shipments SET status = 'returning', status_at = now() WHERE id = $1`, [shipment.id]);
    expect(await returnsFromCarrier({ ds }, SYSTEM_ACTOR)).toBeGreaterThanOrEqual(1);
    expect(await returnsFromCarrier({ ds }, SYSTEM_ACTOR)).toBe(0);
    const [r] = await engine.dispatch('returns.list', { orderId: order.id }, PLANNER);
    expect(r).toMatchObject({ status: 'in_transit', source: 'carrier', locationId: LOC, value: 50_000 });
    expect(r!.lines).toMatchObject([{ sku: 'RET-A', quantity: 2, reason: 'returned_to_sender' }]);
    const got = await engine.dispatch(
      'returns.receive',
      { id: r!.id, locationId: LOC, lines: [{ lineNo: 1, outcome: 'received', quantity: 2 }] },
      ASSOCIATE,
    );
    expect(got.status).toBe('received');
    expect(await returnLedgerMismatches()).toEqual([]);
  });

  it('a refund goes back through the Shopify order it came from, once, even when Shopify’s answer is lost', async () => {
    const admin = await startShopifyAdmin({
      token: 'shpat_test_token',
      orders: [
        {
          id: '5873927110801',
          lineItems: [{ id: 14398243487889, sku: 'RET-A', quantity: 2, price: '25000.00' }],
          transactionId: 7001,
          gateway: 'mercado_pago',
        },
      ],
    });
    try {
      const { channel } = await engine.dispatch(
        'channels.create',
        {
          kind: 'shopify',
          name: 'Tienda Shopify',
          settings: { shopDomain: 'tienda.myshopify.com', adminApiBaseUrl: admin.url },
          secrets: { webhookSecret: 'whsec', adminAccessToken: 'shpat_test_token' },
        },
        ADMIN,
      );
      const { order } = await engine.dispatch(
        'orders.create',
        {
          order: anOrder({
            channel: 'shopify',
            channelId: channel.id,
            externalId: '5873927110801',
            lines: [{ sku: 'RET-A', quantity: 2, unitPrice: 25_000 }],
          }),
        },
        PLANNER,
      );
      await eventually(
        async () => ((await engine.dispatch('orders.get', { id: order.id }, PLANNER)).status === 'sourced' ? true : undefined),
        'sourced',
      );
      for (const to of ['picked', 'packed', 'shipped', 'delivered'] as const)
        await engine.dispatch('orders.advance', { id: order.id, to }, PLANNER);
      const r = await engine.dispatch(
        'returns.request',
        { orderId: order.id, lines: [{ sku: 'RET-A', quantity: 1, reason: 'defective' }], locationId: LOC, printLabel: false },
        PLANNER,
      );
      // Shopify's answer to the first refund is lost (503 after it recorded it): the retry finds it by the return's code.
      admin.failNext(1, { lose: true });
      await engine.dispatch(
        'returns.receive',
        { id: r.id, locationId: LOC, lines: [{ lineNo: 1, outcome: 'received', quantity: 1 }] },
        ASSOCIATE,
      );
      await engine.dispatch('returns.inspect', { id: r.id, lines: [{ lineNo: 1, disposition: 'restock' }] }, ASSOCIATE);
      const history = await eventually(
        async () => {
          const events = (await engine.dispatch('returns.get', { id: r.id }, PLANNER))!.events.map((e) => e.type);
          return events.includes('channel_refund.done') ? events : undefined;
        },
        'the refund on Shopify',
        60_000,
      );
      expect(history).toContain('channel_refund.retry');
      expect(admin.refunds).toHaveLength(1);
      expect(admin.refunds[0]).toMatchObject({
        orderId: '5873927110801',
        notify: true,
        refund_line_items: [{ line_item_id: 14398243487889, quantity: 1, restock_type: 'no_restock' }],
        transactions: [{ parent_id: 7001, amount: '25000.00', kind: 'refund', gateway: 'mercado_pago' }],
      });
      expect(admin.refunds[0]!.note).toContain(`[R-${r.number}]`);
      const row = (await db.pool.query(`SELECT channel_refund_status, channel_refund_id FROM returns WHERE id = $1`, [r.id])).rows[0];
      expect(row).toEqual({ channel_refund_status: 'done', channel_refund_id: String(admin.refunds[0]!.id) });
    } finally {
      await admin.close();
    }
  }, 90_000);

  it('a late return (outside every window) is rejected with the reason; unknown items and reasons are named; units never come back twice', async () => {
    const late = await deliveredOrder([{ sku: 'RET-A', quantity: 1, unitPrice: 25_000 }], 90);
    const r = await engine.dispatch(
      'returns.request',
      { orderId: late.id, lines: [{ sku: 'RET-A', quantity: 1, reason: 'changed_mind' }] },
      PLANNER,
    );
    expect(r).toMatchObject({ status: 'rejected', verdict: 'reject' });
    expect(r.reasons.map((x) => x.code)).toContain('window_passed');

    const order = await deliveredOrder([{ sku: 'RET-A', quantity: 1, unitPrice: 25_000 }]);
    const bad = await refusal(
      engine.dispatch('returns.request', { orderId: order.id, lines: [{ sku: 'NOPE', quantity: 1, reason: 'because' }] }, PLANNER),
    );
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.issues?.map((i) => i.path)).toEqual(['lines.0.sku', 'lines.0.reason']);
    const first = await engine.dispatch(
      'returns.request',
      { orderId: order.id, lines: [{ sku: 'RET-A', quantity: 1, reason: 'defective', condition: 'defective' }] },
      PLANNER,
    );
    expect(first.status).not.toBe('rejected');
    const again = await engine.dispatch(
      'returns.request',
      { orderId: order.id, lines: [{ sku: 'RET-A', quantity: 1, reason: 'defective' }] },
      PLANNER,
    );
    expect(again).toMatchObject({ status: 'rejected' });
    expect(again.reasons.map((x) => x.code)).toContain('quantity_exceeds');

    // The customer hears of a refusal: the policy's in general words, a person's with the reason they gave.
    const refusalMail = (orderNumber: number) =>
      eventually(
        async () => smtp.messages.find((x) => x.subject === `No pudimos aceptar tu devolución del pedido #${orderNumber}`),
        `the refusal e-mail of order #${orderNumber}`,
      );
    expect((await refusalMail(late.number)).text).toContain('no pudimos aceptarla');
    const used = await deliveredOrder([{ sku: 'RET-B', quantity: 1, unitPrice: 25_000 }]);
    const review = await engine.dispatch(
      'returns.request',
      { orderId: used.id, lines: [{ sku: 'RET-B', quantity: 1, reason: 'changed_mind', condition: 'used' }] },
      PLANNER,
    );
    expect(review.status).toBe('requested');
    await engine.dispatch('returns.decide', { ids: [review.id], decision: 'reject', reason: 'la prenda tiene uso' }, SUPERVISOR);
    expect((await refusalMail(used.number)).text).toContain('El motivo: la prenda tiene uso.');
  });

  it('each item lives its own life: a missing item is not inspected, a rejected one is not refunded, a wrong item is never accepted', async () => {
    const order = await deliveredOrder([
      { sku: 'RET-A', quantity: 1, unitPrice: 1_000 },
      { sku: 'RET-B', quantity: 1, unitPrice: 2_000 },
    ]);
    const r: Return = await engine.dispatch(
      'returns.request',
      {
        orderId: order.id,
        lines: [
          { sku: 'RET-A', quantity: 1, reason: 'changed_mind' },
          { sku: 'RET-B', quantity: 1, reason: 'changed_mind' },
        ],
        locationId: LOC,
      },
      PLANNER,
    );
    expect(r.status).toBe('approved');
    expect(r.lines.map((l) => l.state)).toEqual(['expected', 'expected']);
    const received = await engine.dispatch(
      'returns.receive',
      {
        id: r.id,
        locationId: LOC,
        lines: [
          { lineNo: 1, outcome: 'received', quantity: 1 },
          { lineNo: 2, outcome: 'received', quantity: 1 },
        ],
      },
      ASSOCIATE,
    );
    expect(received.lines.map((l) => l.state)).toEqual(['received', 'received']);
    // A rejection says why (the schema names the field and the fix).
    await expect(
      engine.dispatch('returns.inspect', { id: r.id, lines: [{ lineNo: 2, disposition: 'write_off', accepted: false }] }, ASSOCIATE),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('rejectionReason') });
    const closed = await engine.dispatch(
      'returns.inspect',
      {
        id: r.id,
        lines: [
          { lineNo: 1, disposition: 'restock' },
          { lineNo: 2, disposition: 'write_off', accepted: false, rejectionReason: 'usado, con manchas' },
        ],
      },
      ASSOCIATE,
    );
    // Refunded at inspection: only the accepted item.
    expect(closed).toMatchObject({ status: 'closed', refundedAmount: 1_000 });
    expect(closed.lines.map((l) => [l.state, l.rejectionReason])).toEqual([
      ['accepted', null],
      ['rejected', 'usado, con manchas'],
    ]);

    // Another return: one item missing, one the wrong item.
    const order2 = await deliveredOrder([
      { sku: 'RET-A', quantity: 1, unitPrice: 1_000 },
      { sku: 'RET-B', quantity: 1, unitPrice: 2_000 },
    ]);
    const r2: Return = await engine.dispatch(
      'returns.request',
      {
        orderId: order2.id,
        lines: [
          { sku: 'RET-A', quantity: 1, reason: 'changed_mind' },
          { sku: 'RET-B', quantity: 1, reason: 'changed_mind' },
        ],
        locationId: LOC,
      },
      PLANNER,
    );
    await engine.dispatch(
      'returns.receive',
      {
        id: r2.id,
        locationId: LOC,
        lines: [
          { lineNo: 1, outcome: 'missing', quantity: 0 },
          { lineNo: 2, outcome: 'wrong_item', quantity: 1 },
        ],
      },
      ASSOCIATE,
    );
    const refused = await engine
      .dispatch('returns.inspect', { id: r2.id, lines: [{ lineNo: 1, disposition: 'write_off' }] }, ASSOCIATE)
      .catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((refused as AppError).message).toContain('line 1 (RET-A) is missing: nothing came back to inspect');
    // A wrong item is rejected even when the inspector leaves it accepted; nothing is refunded for it.
    const r2Closed = await engine.dispatch(
      'returns.inspect',
      { id: r2.id, lines: [{ lineNo: 2, disposition: 'return_to_vendor' }] },
      ASSOCIATE,
    );
    expect(r2Closed.status).toBe('closed');
    expect(r2Closed.refundedAmount).toBe(0);
    expect(r2Closed.lines.map((l) => l.state)).toEqual(['missing', 'rejected']);
    expect(r2Closed.lines[1]!.rejectionReason).toBe('another item came back instead of this one');
    // Nothing to refund: no refund is issued (nor told to the customer), the history says so.
    const r2History = (await engine.dispatch('returns.get', { id: r2.id }, PLANNER))!.events.map((e) => e.type);
    expect(r2History).toContain('refund.nothing');
    expect(r2History).not.toContain('refund.issued');
    const r2Timeline = (await engine.dispatch('orders.get', { id: order2.id }, PLANNER)).timeline.map((e) => e.type);
    expect(r2Timeline).not.toContain('refund.issued');
    const constraint = await db.pool
      .query(`UPDATE return_lines SET acceptance = 'accepted' WHERE return_id = $1 AND line_no = 2`, [r2.id])
      .catch((e: Error) => e);
    expect(String(constraint)).toContain('return_line_wrong_item_rejected');
  });

  it('property: any receipts and dispositions keep sellable and returns stock equal to their ledgers, and no unit is restocked twice', async () => {
    const order = await deliveredOrder([
      { sku: 'RET-A', quantity: 30, unitPrice: 1_000 },
      { sku: 'RET-B', quantity: 30, unitPrice: 1_000 },
    ]);
    const restocked = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          a: fc.integer({ min: 1, max: 2 }),
          b: fc.integer({ min: 1, max: 2 }),
          outcomeA: fc.constantFrom('received', 'missing', 'wrong_item', 'short' as const),
          gotA: fc.integer({ min: 0, max: 2 }),
          dispA: fc.constantFrom('restock', 'refurbish', 'write_off', 'return_to_vendor' as const),
          dispB: fc.constantFrom('restock', 'refurbish', 'write_off', 'return_to_vendor' as const),
          rejectB: fc.boolean(),
          repeat: fc.boolean(),
        }),
        async (c) => {
          const sellable = async () => (await stockOf(db.pool, 'RET-A'))[LOC]!.onHand + (await stockOf(db.pool, 'RET-B'))[LOC]!.onHand;
          const before = await sellable();
          const r: Return = await engine.dispatch(
            'returns.request',
            {
              orderId: order.id,
              lines: [
                { sku: 'RET-A', quantity: c.a, reason: 'changed_mind' },
                { sku: 'RET-B', quantity: c.b, reason: 'changed_mind' },
              ],
              locationId: LOC,
            },
            PLANNER,
          );
          if (r.status !== 'approved') return;
          const receipt = {
            id: r.id,
            locationId: LOC,
            lines: [
              { lineNo: 1, outcome: c.outcomeA, quantity: c.gotA },
              { lineNo: 2, outcome: 'received' as const, quantity: c.b },
            ],
          };
          await engine.dispatch('returns.receive', receipt, ASSOCIATE);
          if (c.repeat) await engine.dispatch('returns.receive', receipt, ASSOCIATE).catch(() => undefined);
          // A missing item has nothing to inspect (the engine refuses it); the others each get a disposition.
          const inspect = {
            id: r.id,
            lines: [
              ...(c.outcomeA === 'missing' ? [] : [{ lineNo: 1, disposition: c.dispA }]),
              { lineNo: 2, disposition: c.dispB, accepted: !c.rejectB, ...(c.rejectB ? { rejectionReason: 'not as declared' } : {}) },
            ],
          };
          const done = await engine.dispatch('returns.inspect', inspect, ASSOCIATE);
          if (c.repeat) await engine.dispatch('returns.inspect', inspect, ASSOCIATE).catch(() => undefined);
          const units = done.lines.reduce(
            (sum, l) => sum + (l.disposition === 'restock' && l.receiptOutcome !== 'wrong_item' ? l.received : 0),
            0,
          );
          restocked.set(r.id, units);
          // Refunded at inspection: what came back and was accepted, never a rejected or wrong item.
          const refundable = done.lines
            .filter((l) => l.acceptance === 'accepted' && l.receiptOutcome !== 'wrong_item')
            .reduce((sum, l) => sum + l.received * l.unitPrice, 0);
          expect(done.refundedAmount).toBe(refundable);
          expect(await sellable()).toBe(before + units);
          expect(await ledgerMismatches(db.pool)).toEqual([]);
          expect(await returnLedgerMismatches()).toEqual([]);
          const lines = await db.pool.query(`SELECT count(*)::int AS n FROM return_lines WHERE disposed > received OR received > quantity`);
          expect(lines.rows[0].n).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
    const restockRows = await db.pool.query(
      `SELECT reference, sum(on_hand_delta)::int AS units FROM stock_movements WHERE reason = 'return.restock' GROUP BY reference`,
    );
    for (const row of restockRows.rows as { reference: string; units: number }[])
      if (restocked.has(row.reference)) expect(row.units).toBe(restocked.get(row.reference));
  }, 300_000);
});
