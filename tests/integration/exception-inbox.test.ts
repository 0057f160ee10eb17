import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { EXCEPTION_SLA_MINUTES, type Actor, type AppError, type EngineEvent, type ExceptionItem } from '../../src/shared';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { placeOrder, SUPERVISOR, waitForStatus } from '../support/sourcing-ops';
import { eventually, type TestDatabase } from '../support/test-database';

/**
 * The one exception inbox over the real modules' tables: items of several kinds listed with their
 * order numbers and SLA due times, most overdue first; one order is one item; "take it" belongs to
 * one person, a supervisor may take it over, and every take and release is in the audit log.
 */
describe('the exception inbox', () => {
  let db: TestDatabase;
  let engine: Engine;
  const OTHER: Actor = { id: 'u-planner-2', name: 'Pedro Planner', role: 'planner' };
  const items = async (who: Actor = PLANNER, q: Record<string, unknown> = {}) =>
    (await engine.dispatch('exceptions.list', { pageSize: 200, ...q }, who)).rows;
  const find = (rows: ExceptionItem[], kind: string, refId: string) => rows.find((r) => r.kind === kind && r.refId === refId);
  const minutes = (item: ExceptionItem) => (Date.parse(item.slaDueAt) - Date.parse(item.since)) / 60_000;

  let unroutable: { id: string; number: number };
  let rejected: { id: string; number: number };
  let late: { id: string; number: number };
  let inboxId: string;
  let messageId: string;
  let returned: { id: string; number: number };
  let returnId: string;
  let printJobId: string;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'NONE', onHand: 0 },
        { location: 'loc-palermo', sku: 'ONLY', onHand: 2 },
        { location: 'loc-palermo', sku: 'LATE', onHand: 5 },
        { location: 'loc-palermo', sku: 'RET', onHand: 5 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
    unroutable = await placeOrder(engine, 'NONE', 1, 'unfillable');
    // A store gives back an order nobody else can take: it waits as a store rejection (not also as unroutable).
    const sourced = await placeOrder(engine, 'ONLY', 1, 'sourced');
    await engine.dispatch('fulfilment.reject', { orderId: sourced.id, reasonCode: 'not_in_stock' }, SUPERVISOR);
    rejected = await waitForStatus(engine, sourced.id, 'unfillable');
    // An order past its promise, and a failed customer message about it.
    late = await placeOrder(engine, 'LATE', 1, 'sourced');
    await db.pool.query(`UPDATE orders SET promised_at = now() - interval '2 hours' WHERE id = $1`, [late.id]);
    messageId = (
      await db.pool.query(
        `INSERT INTO notification_messages (id, key, event, order_id, channel, recipient, locale, view, status, reason, updated_at)
         VALUES (gen_random_uuid(), 'test-failed-1', 'order.confirmed', $1, 'email', 'bruno@example.com', 'es', '{}', 'failed',
                 '554 rejected', now() - interval '10 minutes') RETURNING id::text`,
        [unroutable.id],
      )
    ).rows[0].id;
    // A return waiting for a decision, and a label that failed to print (as the returns and printing modules write them).
    returned = await placeOrder(engine, 'RET', 1, 'sourced');
    returnId = (
      await db.pool.query(
        `INSERT INTO returns (id, order_id, status, source, method, resolution, verdict, reasons, value, requested_by, requested_at, due_at)
         VALUES (gen_random_uuid(), $1, 'requested', 'desk', 'store_drop_off', 'refund', 'review', '[]', 1000, 'u-test',
                 now() - interval '3 hours', now() + interval '21 hours') RETURNING id::text`,
        [returned.id],
      )
    ).rows[0].id;
    await db.pool.query(`INSERT INTO print_stations (id, name) VALUES ('st-inbox', 'Estación inbox')`);
    printJobId = (
      await db.pool.query(
        `INSERT INTO print_jobs (id, station_id, doc_type, doc_key, title, ref, model, format, status, attempts, last_error, requested_by, updated_at)
         VALUES (gen_random_uuid(), 'st-inbox', 'shipping_label', 'label-inbox-1', 'Etiqueta #' || $2::text, jsonb_build_object('orderId', $1::text),
                 '{}', 'zpl', 'failed', 3, 'printer offline', 'u-test', now() - interval '20 minutes') RETURNING id::text`,
        [returned.id, returned.number],
      )
    ).rows[0].id;
    inboxId = (
      await db.pool.query(
        `INSERT INTO inbox (method, path, headers, raw_body, dedupe_key, topic, status, error, received_at)
         VALUES ('POST', '/api/v1/orders', '{}', convert_to('{"externalId":"Q-1"}', 'UTF8'), 'q-1', 'orders/create', 'quarantined',
                 jsonb_build_object('reason', 'order Q-1 cannot be normalised: lines.0.sku: SKU "SKU-TYPO" is not in the catalog, or correct the line'),
                 now() - interval '45 minutes') RETURNING id::text`,
      )
    ).rows[0].id;
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('lists every kind waiting, with its order number, reason codes and SLA due time, most overdue first', async () => {
    const page = await engine.dispatch('exceptions.list', {}, PLANNER);
    const rows = page.rows;
    const q = find(rows, 'intake_quarantine', inboxId)!;
    expect(q).toMatchObject({ orderId: null, orderNumber: null, owner: null, detail: { status: 'quarantined' } });
    expect(q.reasonCodes[0]).toMatchObject({ code: 'intake.not_normalised', params: { externalId: 'Q-1' } });
    expect(minutes(q)).toBe(EXCEPTION_SLA_MINUTES.intake_quarantine);

    const u = find(rows, 'unroutable', unroutable.id)!;
    expect(u).toMatchObject({ orderId: unroutable.id, orderNumber: unroutable.number });
    expect(u.reasonCodes.map((c) => c.code)).toContain('sourcing.no_stock');
    expect(minutes(u)).toBe(60);

    // The rejected order is one item: the store's rejection, with the location's name.
    expect(find(rows, 'unroutable', rejected.id)).toBeUndefined();
    const r = find(rows, 'store_rejection', rejected.id)!;
    expect(r).toMatchObject({ orderNumber: rejected.number, reasonCodes: [{ code: 'exception.rejected_not_in_stock' }] });
    expect(r.reasonCodes[0]!.params.location).toBeTruthy();
    expect(minutes(r)).toBe(30);

    const l = find(rows, 'late_order', late.id)!;
    expect(l).toMatchObject({ orderNumber: late.number, reasonCodes: [{ code: 'exception.late' }] });
    expect(l.slaDueAt).toBe(l.since);
    expect(new Date(l.reasonCodes[0]!.params.dueAt!).toISOString()).toBe(l.since);

    const m = find(rows, 'failed_notification', messageId)!;
    expect(m).toMatchObject({ orderNumber: unroutable.number, reasonCodes: [{ code: 'exception.message_failed' }] });
    expect(m.reason).toContain('554 rejected');

    const rv = find(rows, 'return_review', returnId)!;
    expect(rv).toMatchObject({ orderId: returned.id, orderNumber: returned.number, reasonCodes: [{ code: 'exception.return_review' }] });
    expect(minutes(rv)).toBe(EXCEPTION_SLA_MINUTES.return_review);

    const pf = find(rows, 'print_failure', printJobId)!;
    expect(pf).toMatchObject({ orderId: returned.id, detail: { docType: 'shipping_label' } });
    expect(pf.reasonCodes[0]).toMatchObject({ code: 'exception.print_failed', params: { error: 'printer offline' } });
    expect(minutes(pf)).toBe(EXCEPTION_SLA_MINUTES.print_failure);

    // Most overdue first: the late order (2 h past) before the quarantine (45 min waiting, 30 min SLA).
    const due = rows.map((x) => Date.parse(x.slaDueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(rows.indexOf(l)).toBeLessThan(rows.indexOf(q));
    expect(page.counts).toMatchObject({
      intake_quarantine: 1,
      unroutable: 1,
      store_rejection: 1,
      late_order: 1,
      failed_notification: 1,
      return_review: 1,
      print_failure: 1,
    });
    expect(page.total).toBe(rows.length);

    const only = await engine.dispatch('exceptions.list', { kinds: ['store_rejection', 'unroutable'] }, PLANNER);
    expect(only.rows.map((x) => x.kind).sort()).toEqual(['store_rejection', 'unroutable']);
    expect(only.counts.late_order).toBe(1);
    const paged = await engine.dispatch('exceptions.list', { pageSize: 2, page: 1 }, PLANNER);
    expect(paged.rows.map((x) => x.refId)).toEqual(rows.slice(2, 4).map((x) => x.refId));
  });

  it('lets one person take an item; another is refused, a supervisor takes it over; release gives it back', async () => {
    const key = { kind: 'unroutable' as const, refId: unroutable.id };
    // Every change of hands reaches the other desks live, after its commit.
    const claims: EngineEvent[] = [];
    const off = engine.onEvent((e) => {
      if (e.type === 'exceptions.claimed' && e.refId === unroutable.id) claims.push(e);
    });
    const taken = await engine.dispatch('exceptions.take', key, PLANNER);
    expect(taken.owner).toMatchObject({ userId: PLANNER.id, name: PLANNER.name });
    // Taking one's own again changes nothing.
    expect((await engine.dispatch('exceptions.take', key, PLANNER)).owner?.takenAt).toBe(taken.owner?.takenAt);

    await expect(engine.dispatch('exceptions.take', key, OTHER)).rejects.toMatchObject({
      code: 'ALREADY_TAKEN',
      message: expect.stringContaining(PLANNER.name),
    } satisfies Partial<AppError>);
    await expect(engine.dispatch('exceptions.take', { ...key, steal: true }, OTHER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(engine.dispatch('exceptions.release', key, OTHER)).rejects.toMatchObject({ code: 'ALREADY_TAKEN' });

    // Mine / nobody filters.
    expect(find(await items(PLANNER, { owner: 'mine' }), 'unroutable', unroutable.id)?.owner?.userId).toBe(PLANNER.id);
    expect(find(await items(OTHER, { owner: 'mine' }), 'unroutable', unroutable.id)).toBeUndefined();
    expect(find(await items(OTHER, { owner: 'nobody' }), 'unroutable', unroutable.id)).toBeUndefined();
    expect(find(await items(OTHER, { owner: 'nobody' }), 'intake_quarantine', inboxId)).toBeDefined();

    const stolen = await engine.dispatch('exceptions.take', { ...key, steal: true }, SUPERVISOR);
    expect(stolen.owner).toMatchObject({ userId: SUPERVISOR.id });
    expect(find(await items(), 'unroutable', unroutable.id)?.owner?.name).toBe(SUPERVISOR.name);
    await expect(engine.dispatch('exceptions.release', key, PLANNER)).rejects.toMatchObject({ code: 'ALREADY_TAKEN' });
    expect((await engine.dispatch('exceptions.release', key, SUPERVISOR)).owner).toBeNull();
    expect(find(await items(), 'unroutable', unroutable.id)?.owner).toBeNull();

    // A supervisor may also release someone else's.
    await engine.dispatch('exceptions.take', key, OTHER);
    expect((await engine.dispatch('exceptions.release', key, SUPERVISOR)).owner).toBeNull();
    // Take, take over, release, take, release: five changes of hands (a refused one and taking one's own again are none).
    await eventually(async () => (claims.length >= 5 ? true : undefined), 'five exceptions.claimed events');
    off();
    expect(claims).toHaveLength(5);
    expect(claims[0]).toMatchObject({ type: 'exceptions.claimed', kind: 'unroutable', refId: unroutable.id });

    const log = await engine.dispatch('audit.list', { action: 'exceptions.' }, SUPERVISOR);
    const mine = log.rows.filter((e) => e.subject === `exception:unroutable:${unroutable.id}`);
    expect(mine.map((e) => `${e.action}:${e.outcome}:${e.userId}`)).toEqual(
      expect.arrayContaining([
        `exceptions.take:ok:${PLANNER.id}`,
        `exceptions.take:failed:${OTHER.id}`,
        `exceptions.take:ok:${SUPERVISOR.id}`,
        `exceptions.release:ok:${SUPERVISOR.id}`,
      ]),
    );
    const steal = mine.find((e) => e.action === 'exceptions.take' && e.userId === SUPERVISOR.id)!;
    expect(steal).toMatchObject({ orderId: unroutable.id, before: { userId: PLANNER.id }, after: { userId: SUPERVISOR.id } });
  });

  it('drops an item (and its claim) once it no longer needs a person; refuses roles without the desk', async () => {
    const key = { kind: 'intake_quarantine' as const, refId: inboxId };
    await engine.dispatch('exceptions.take', key, PLANNER);
    await db.pool.query(`UPDATE inbox SET status = 'discarded', error = error || '{"reason":"test"}' WHERE id = $1`, [inboxId]);
    expect(find(await items(), 'intake_quarantine', inboxId)).toBeUndefined();
    await expect(engine.dispatch('exceptions.take', key, OTHER)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM exception_claims WHERE ref_id = $1`, [inboxId])).rows[0].n).toBe(0);

    const admin: Actor = { id: 'u-admin', name: 'Ada', role: 'admin' };
    await expect(engine.dispatch('exceptions.list', {}, admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(engine.dispatch('exceptions.take', { kind: 'nope', refId: 'x' } as never, PLANNER)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
