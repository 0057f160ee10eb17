import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { AppError } from '../../src/shared';
import { startFixtureEngine } from '../support/engine-under-test';
import { signInAs, type TestSession } from '../support/sessions';
import type { TestDatabase } from '../support/test-database';

/** Saved queue views live in the engine per person: each planner sees, replaces and deletes only their own. */
describe('saved queue views', () => {
  let db: TestDatabase;
  let engine: Engine;
  let paula: TestSession;
  let pablo: TestSession;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine([], { workers: false }));
    paula = await signInAs(engine, { role: 'planner', name: 'Paula' });
    pablo = await signInAs(engine, { role: 'supervisor', name: 'Pablo' });
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it("keeps each person's views apart, replaces one by name, and deletes only one's own", async () => {
    const late = await engine.dispatch(
      'orders.views.save',
      { name: 'Atrasados web', query: { sort: 'urgency', dir: 'asc', urgency: 'late', channel: 'web' } },
      paula.actor,
    );
    await engine.dispatch(
      'orders.views.save',
      { name: 'Sin stock', query: { sort: 'createdAt', dir: 'asc', status: ['unfillable'] } },
      paula.actor,
    );
    await engine.dispatch('orders.views.save', { name: 'Mine', query: { sort: 'number', dir: 'desc' } }, pablo.actor);

    expect((await engine.dispatch('orders.views.list', {}, paula.actor)).map((v) => v.name)).toEqual(['Atrasados web', 'Sin stock']);
    expect((await engine.dispatch('orders.views.list', {}, pablo.actor)).map((v) => v.name)).toEqual(['Mine']);

    // The same name again replaces the view (same id), it does not add one.
    const again = await engine.dispatch(
      'orders.views.save',
      { name: 'Atrasados web', query: { sort: 'urgency', dir: 'asc', urgency: 'atRisk' } },
      paula.actor,
    );
    expect(again.id).toBe(late.id);
    const views = await engine.dispatch('orders.views.list', {}, paula.actor);
    expect(views).toHaveLength(2);
    expect(views[0]!.query).toEqual({ sort: 'urgency', dir: 'asc', urgency: 'atRisk' });

    // Another person's view is not theirs to delete.
    expect(await engine.dispatch('orders.views.delete', { id: late.id }, pablo.actor)).toEqual({ deleted: false });
    expect(await engine.dispatch('orders.views.delete', { id: late.id }, paula.actor)).toEqual({ deleted: true });
    expect((await engine.dispatch('orders.views.list', {}, paula.actor)).map((v) => v.name)).toEqual(['Sin stock']);
  });

  it('refuses roles without the queue and a blank name', async () => {
    const ana = await signInAs(engine, { role: 'associate', locations: ['loc-palermo'] });
    await expect(engine.dispatch('orders.views.list', {}, ana.actor)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    } satisfies Partial<AppError>);
    await expect(
      engine.dispatch('orders.views.save', { name: '   ', query: { sort: 'number', dir: 'asc' } }, paula.actor),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
