import { describe, expect, it } from 'vitest';
import { AppError, type Endpoint, type NotificationTemplateInput } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { anOrder } from '../../test-support/fixtures';
import { aDelivery, anOpenedTemplate, aPreview, aTemplate, ORDER } from '../../test-support/notify-fixtures';
import { createTemplatesStore, PREVIEW_DEBOUNCE_MS, selectDirty, selectIssues } from './templates.store';
import type { Timers } from './timers';

/** Timers a test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    set(run, ms) {
      pending.set(++next, { run, ms });
      return next;
    },
    clear: (h) => void pending.delete(h as number),
  };
  return {
    timers,
    delays: () => [...pending.values()].map((p) => p.ms),
    async fire() {
      const all = [...pending.values()];
      pending.clear();
      all.forEach((p) => p.run());
      await settle();
    },
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));
const OTHER = '9b1c7f3a-5d2e-4f10-8a6b-3c4d5e6f7a8b';
const SEVENTY_SEVEN = '3f2e1d0c-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

/** A fake engine keeping one merchant template per event+locale with its version, refusing unknown tags and stale saves. */
function templatesDesk() {
  const stored = new Map<string, { version: number; template: NotificationTemplateInput; by: string }>();
  const key = (event: string, locale: string) => `${event}|${locale}`;
  const inEffect = (event: NotificationTemplateInput['event'], locale: string) => {
    const own = stored.get(key(event, locale));
    return own
      ? anOpenedTemplate({ source: 'merchant', version: own.version, updatedBy: own.by, updatedAt: '2026-01-05T10:00:00Z' }, own.template)
      : anOpenedTemplate({ event, locale }, aTemplate({ event, locale }));
  };
  const api = fakeDesk({
    'notifications.templates': () =>
      [...stored.values()].map((s) => {
        const { template: _template, ...summary } = inEffect(s.template.event, s.template.locale);
        return summary;
      }),
    'notifications.template': ({ event, locale }) => inEffect(event, locale),
    'notifications.saveTemplate': ({ template, expectedVersion }) => {
      if (template.email.subject.includes('{{orderNumbr}}'))
        throw new AppError(
          'VALIDATION_FAILED',
          'The template has a problem: template.email.subject: line 1: {{orderNumbr}} is not a notification field',
          [
            {
              path: 'template.email.subject',
              message: 'line 1: {{orderNumbr}} is not a notification field (did you mean {{orderNumber}}?)',
            },
          ],
        );
      const now = stored.get(key(template.event, template.locale));
      if (expectedVersion !== undefined && (now?.version ?? null) !== expectedVersion)
        throw new AppError('VERSION_CONFLICT', `the order.confirmed template (es-AR) was saved by Bruno since you opened it: reload it`);
      stored.set(key(template.event, template.locale), { version: (now?.version ?? 0) + 1, template, by: 'Ana Admin' });
      return inEffect(template.event, template.locale);
    },
    'notifications.resetTemplate': ({ event, locale }) => {
      stored.delete(key(event, locale));
      return inEffect(event, locale);
    },
    'notifications.previewTemplate': ({ template, orderId: byId, orderNumber, channel }) => {
      if (orderNumber !== undefined && orderNumber !== 77) throw new AppError('NOT_FOUND', `No order #${orderNumber}`);
      const orderId = byId ?? (orderNumber === 77 ? SEVENTY_SEVEN : undefined);
      if (template?.email.mjml.includes('<mj-txt>'))
        throw new AppError('VALIDATION_FAILED', 'The template has a problem', [
          { path: 'template.email.mjml', message: 'line 1: unknown element <mj-txt>' },
        ]);
      if (orderId === OTHER) throw new AppError('NOT_FOUND', `No order with id ${orderId}`);
      return aPreview({
        channel,
        subject: template?.email.subject ?? null,
        orderNumber: orderId === SEVENTY_SEVEN ? 77 : orderId ? 1042 : null,
        sampled: orderId ? ['promisedDate'] : [],
      });
    },
    'notifications.deliveries': () => [aDelivery()],
    'orders.list': ({ search }) => ({
      rows: search === '77' ? [anOrder({ id: SEVENTY_SEVEN, number: 77 })] : [],
      total: 0,
      page: 0,
      pageSize: 5,
    }),
  });
  return { api, stored, bump: (event: string, locale: string) => stored.get(key(event, locale))!.version++ };
}

const asAdmin = (e: Endpoint): boolean => e !== 'orders.list';

async function opened(may = asAdmin) {
  const d = templatesDesk();
  const clock = manualTimers();
  const store = createTemplatesStore(d.api, { timers: clock.timers, may });
  await store.getState().refreshRequested();
  return { ...d, clock, store };
}

describe('the template editor', () => {
  it('opens the es-AR confirmation, and previews the draft at once as an e-mail of a sample order', async () => {
    const { api, store } = await opened();
    expect(api.inputsOf('notifications.template')).toEqual([{ event: 'order.confirmed', locale: 'es-AR' }]);
    expect(store.getState()).toMatchObject({
      opened: { source: 'default', version: null },
      opening: false,
      preview: { orderNumber: null },
    });
    expect(api.inputsOf('notifications.previewTemplate')).toEqual([
      { event: 'order.confirmed', locale: 'es-AR', template: aTemplate(), channel: 'email' },
    ]);
    expect(selectDirty(store.getState())).toBe(false);
    expect(store.getState().recentOrders).toEqual([{ id: ORDER, number: 1042 }]);
  });

  it('re-renders the preview once typing pauses, with the last draft only', async () => {
    const { api, store, clock } = await opened();
    const draft = store.getState().draft!;
    store.getState().draftChanged({ ...draft, email: { ...draft.email, subject: 'Pedido' } });
    store.getState().draftChanged({ ...draft, email: { ...draft.email, subject: 'Pedido #{{orderNumber}} confirmado' } });
    expect(clock.delays()).toEqual([PREVIEW_DEBOUNCE_MS]);
    expect(api.inputsOf('notifications.previewTemplate')).toHaveLength(1);
    await clock.fire();
    expect(api.inputsOf('notifications.previewTemplate').map((i) => i.template?.email.subject)).toEqual([
      aTemplate().email.subject,
      'Pedido #{{orderNumber}} confirmado',
    ]);
    expect(store.getState().preview?.subject).toBe('Pedido #{{orderNumber}} confirmado');
    expect(selectDirty(store.getState())).toBe(true);
  });

  it('saves from the default (expecting none), shows version 1 and who saved; the next save names version 1', async () => {
    const { api, store } = await opened();
    const draft = store.getState().draft!;
    store.getState().draftChanged({ ...draft, email: { ...draft.email, subject: 'Tu compra #{{orderNumber}}' } });
    expect(await store.getState().saveRequested()).toBe(true);
    expect(api.inputsOf('notifications.saveTemplate')[0]!.expectedVersion).toBeNull();
    expect(store.getState()).toMatchObject({
      notice: { kind: 'saved', version: 1, by: 'Ana Admin' },
      opened: { source: 'merchant', version: 1 },
    });
    expect(selectDirty(store.getState())).toBe(false);
    store.getState().draftChanged({ ...store.getState().draft!, sms: 'Hola' });
    expect(await store.getState().saveRequested()).toBe(true);
    expect(api.inputsOf('notifications.saveTemplate')[1]!.expectedVersion).toBe(1);
    expect(store.getState().opened?.version).toBe(2);
  });

  it('a template with an unknown tag is refused: the engine’s words on the subject, the draft kept, nothing saved', async () => {
    const { store, stored } = await opened();
    const draft = store.getState().draft!;
    store.getState().draftChanged({ ...draft, email: { ...draft.email, subject: 'Pedido #{{orderNumbr}}' } });
    expect(await store.getState().saveRequested()).toBe(false);
    expect(selectIssues(store.getState(), 'email.subject')).toEqual([
      {
        part: 'email.subject',
        path: 'template.email.subject',
        message: 'line 1: {{orderNumbr}} is not a notification field (did you mean {{orderNumber}}?)',
      },
    ]);
    expect(store.getState().draft?.email.subject).toBe('Pedido #{{orderNumbr}}');
    expect(selectDirty(store.getState())).toBe(true);
    expect(stored.size).toBe(0);
    // Editing again clears the refusal (the live preview checks the new draft).
    store.getState().draftChanged({ ...draft, email: { ...draft.email, subject: 'Pedido #{{orderNumber}}' } });
    expect(store.getState().issues).toEqual([]);
  });

  it('the preview’s problems show beside the editor until a save’s own do', async () => {
    const { store, clock } = await opened();
    const draft = store.getState().draft!;
    store.getState().draftChanged({ ...draft, email: { ...draft.email, mjml: '<mjml><mj-body><mj-txt>x</mj-txt></mj-body></mjml>' } });
    await clock.fire();
    expect(selectIssues(store.getState(), 'email.mjml').map((i) => i.message)).toEqual(['line 1: unknown element <mj-txt>']);
    expect(store.getState().preview).not.toBeNull();
  });

  it('a save after someone else’s is refused with VERSION_CONFLICT; Recargar brings theirs and drops the draft', async () => {
    const { store, bump } = await opened();
    store.getState().draftChanged({ ...store.getState().draft!, sms: 'v1' });
    await store.getState().saveRequested();
    bump('order.confirmed', 'es-AR');
    store.getState().draftChanged({ ...store.getState().draft!, sms: 'mine' });
    expect(await store.getState().saveRequested()).toBe(false);
    expect(store.getState().conflict).toMatch(/saved by Bruno.*reload/);
    await store.getState().reloadRequested();
    expect(store.getState()).toMatchObject({ conflict: null, opened: { version: 2 }, draft: { sms: 'v1' } });
    expect(selectDirty(store.getState())).toBe(false);
  });

  it('resets to Atalaya’s after a confirmation', async () => {
    const { api, store } = await opened();
    store.getState().draftChanged({ ...store.getState().draft!, sms: 'v1' });
    await store.getState().saveRequested();
    store.getState().resetAsked(true);
    expect(store.getState().confirmReset).toBe(true);
    expect(await store.getState().resetConfirmed()).toBe(true);
    expect(api.inputsOf('notifications.resetTemplate')).toEqual([{ event: 'order.confirmed', locale: 'es-AR' }]);
    expect(store.getState()).toMatchObject({ confirmReset: false, notice: { kind: 'reset' }, opened: { source: 'default' } });
    expect(store.getState().draft?.sms).toBe(aTemplate().sms);
  });

  it('another event with unsaved changes waits for “discard”', async () => {
    const { api, store } = await opened();
    store.getState().draftChanged({ ...store.getState().draft!, sms: 'unsaved' });
    await store.getState().templateChosen('shipment.shipped', 'es-AR');
    expect(store.getState().pendingOpen).toEqual({ event: 'shipment.shipped', locale: 'es-AR' });
    expect(store.getState().event).toBe('order.confirmed');
    store.getState().discardCancelled();
    expect(store.getState().draft?.sms).toBe('unsaved');
    await store.getState().templateChosen('shipment.shipped', 'pt-BR');
    await store.getState().discardConfirmed();
    expect(store.getState()).toMatchObject({ event: 'shipment.shipped', locale: 'pt-BR', pendingOpen: null, draft: { locale: 'pt-BR' } });
    expect(api.inputsOf('notifications.template').at(-1)).toEqual({ event: 'shipment.shipped', locale: 'pt-BR' });
  });
});

describe('previewing with a real order', () => {
  it('a number among the recent orders previews with that order; the fields it lacks are named', async () => {
    const { api, store, clock } = await opened();
    store.getState().orderTyped('#1042');
    await clock.fire();
    expect(api.inputsOf('notifications.previewTemplate').at(-1)).toMatchObject({ orderId: ORDER });
    expect(store.getState()).toMatchObject({
      order: { id: ORDER, number: 1042 },
      orderProblem: null,
      preview: { orderNumber: 1042, sampled: ['promisedDate'] },
    });
  });

  it('a number beyond the recent ones is found by the engine; one no order has, or an id naming none, falls back to the sample', async () => {
    const { api, store, clock } = await opened();
    store.getState().orderTyped('77');
    await clock.fire();
    expect(api.inputsOf('notifications.previewTemplate').at(-1)).toMatchObject({ orderNumber: 77 });
    expect(store.getState()).toMatchObject({ order: { id: null, number: 77 }, orderProblem: null, preview: { orderNumber: 77 } });
    expect(api.inputsOf('orders.list')).toEqual([]);
    store.getState().orderTyped('78');
    await clock.fire();
    expect(store.getState()).toMatchObject({ order: null, orderProblem: 'notFound', preview: { orderNumber: null }, previewError: null });
    store.getState().orderTyped(OTHER);
    await clock.fire();
    expect(store.getState()).toMatchObject({ order: null, orderProblem: 'notFound', preview: { orderNumber: null }, previewError: null });
    store.getState().orderTyped('hola');
    await clock.fire();
    expect(store.getState().orderProblem).toBe('invalid');
  });

  it('the channel switch renders the draft for that channel at once', async () => {
    const { api, store } = await opened();
    store.getState().channelChosen('sms');
    await settle();
    expect(api.inputsOf('notifications.previewTemplate').at(-1)?.channel).toBe('sms');
    expect(store.getState().preview?.channel).toBe('sms');
  });
});
