import { describe, expect, it } from 'vitest';
import { AppError, type EngineEvent, type OrderKpis } from '../../../../shared';
import { RESYNC } from '../../api/desk-client';
import { translate } from '../../i18n/i18n';
import { fakeDesk } from '../../test-support/fake-desk';
import { ageAt, kpiView, ratio, trendOf } from './kpi-view';
import { createKpisStore, KPI_LIVE_MS } from './kpis.store';

const KPIS: OrderKpis = {
  asOf: '2026-03-10T15:00:00.000Z',
  throughput: { lastHour: 1234, previousHour: 987 },
  fill: { decided: 400, filledFirstTime: 389 },
  split: { sourced: 380, split: 19 },
  onTime: { left: 0, onTime: 0 },
  backlog: { open: 2500, oldestCreatedAt: '2026-03-07T15:00:00.000Z', medianCreatedAt: '2026-03-10T12:00:00.000Z' },
  risk: { atRisk: 12, late: 1045 },
};
const changed: Extract<EngineEvent, { type: 'order.changed' }> = {
  type: 'order.changed',
  orderId: 'o1',
  number: 1,
  status: 'sourced',
  fromStatus: 'received',
  locationId: null,
  at: '',
};
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('kpis store', () => {
  it('loads the figures, and keeps the last ones on screen with the error when a refresh fails', async () => {
    let fail = false;
    const api = fakeDesk({
      'orders.kpis': () => {
        if (fail) throw new AppError('UNAVAILABLE', 'database unreachable');
        return KPIS;
      },
    });
    const store = createKpisStore(api);
    await store.getState().refreshRequested();
    expect(store.getState()).toMatchObject({ kpis: KPIS, error: null });
    fail = true;
    await store.getState().refreshRequested();
    expect(store.getState()).toMatchObject({ kpis: KPIS, error: 'database unreachable' });
  });

  it('refreshes on order events and resyncs, at most once per 5 s however many arrive; other events do not', async () => {
    const api = fakeDesk({ 'orders.kpis': () => KPIS });
    let t = 100_000;
    const scheduled: { f: () => void; ms: number }[] = [];
    const store = createKpisStore(
      api,
      () => t,
      (f, ms) => scheduled.push({ f, ms }),
    );
    store.getState().liveEventsReceived([{ type: 'locations.changed', at: '' }]);
    await settle();
    expect(api.calls).toEqual([]);
    store.getState().liveEventsReceived([changed, changed]);
    await settle();
    expect(api.endpoints()).toEqual(['orders.kpis']);
    // A burst one second later, and the minute's timer: one trailing refresh, 4 s on.
    t += 1000;
    for (let i = 0; i < 50; i++) store.getState().liveEventsReceived([changed]);
    store.getState().pollDue();
    store.getState().liveEventsReceived([RESYNC]);
    await settle();
    expect(api.calls).toHaveLength(1);
    expect(scheduled.map((s) => s.ms)).toEqual([KPI_LIVE_MS - 1000]);
    t += KPI_LIVE_MS;
    scheduled[0]!.f();
    await settle();
    expect(api.calls).toHaveLength(2);
  });
});

describe('kpi view', () => {
  it('takes shares only of something: an empty window has no rate', () => {
    expect(ratio(389, 400)).toBeCloseTo(0.9725);
    expect(ratio(0, 0)).toBeNull();
    expect(trendOf(5, 3)).toBe('up');
    expect(trendOf(3, 5)).toBe('down');
    expect(trendOf(4, 4)).toBe('flat');
    expect(ageAt('2026-03-10T15:00:00Z', '2026-03-10T12:00:00Z')).toBe(3 * 3_600_000);
    expect(ageAt('2026-03-10T15:00:00Z', '2026-03-10T15:00:05Z')).toBe(0);
  });

  it('writes every figure in Argentine Spanish: thousands with a dot, decimals with a comma, ages in hours and days', () => {
    const v = kpiView(KPIS, 'es', (k, p) => translate('es', k, p));
    const tile = (id: string) => v.tiles.find((x) => x.id === id)!;
    expect(tile('rate')).toMatchObject({ label: 'Pedidos/h', value: '1.234', sub: 'hora ant. 987', trend: 'up' });
    // es-AR writes a space before % in some ICU versions, none in others.
    expect(tile('fill').value).toMatch(/^97,3\s?%$/);
    expect(tile('fill').sub).toBe('389 de 400');
    expect(tile('split').value).toMatch(/^5\s?%$/);
    expect(tile('onTime')).toMatchObject({ value: '—', sub: '0 de 0' });
    expect(tile('backlog').value).toBe('3 días');
    expect(tile('backlog').sub.replace(/\s/g, ' ')).toBe('mediana 3 h');
    expect(tile('backlog').title).toContain('Pedidos abiertos (recibidos, sin stock, asignados, preparados o embalados): 2.500.');
    expect(v.atRisk.text).toBe('En riesgo 12');
    expect(v.late.text).toBe('Atrasados 1.045');
    expect(tile('fill').title).toContain('(400)');
    expect(v.atRisk.title).toContain('4 h');
  });

  it('writes them in English and Brazilian Portuguese too', () => {
    const en = kpiView(KPIS, 'en', (k, p) => translate('en', k, p));
    expect(en.tiles[0]!.value).toBe('1,234');
    expect(en.tiles[1]!.value).toBe('97.3%');
    expect(en.late.text).toBe('Late 1,045');
    const pt = kpiView(KPIS, 'pt-BR', (k, p) => translate('pt-BR', k, p));
    expect(pt.tiles[0]!.value).toBe('1.234');
    expect(pt.tiles[1]!.value).toMatch(/^97,3\s?%$/);
    expect(pt.atRisk.text).toBe('Em risco 12');
  });

  it('says so when no order is open', () => {
    const v = kpiView({ ...KPIS, backlog: { open: 0, oldestCreatedAt: null, medianCreatedAt: null } }, 'es', (k, p) =>
      translate('es', k, p),
    );
    expect(v.tiles.find((x) => x.id === 'backlog')).toMatchObject({ value: '—', sub: 'sin pedidos abiertos' });
  });
});
