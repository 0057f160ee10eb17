import type { SimulationMetrics } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { formatNumber, formatPercent } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { createRoutingSimStore } from './routing-sim.store';

export const useRoutingSimStore = createRoutingSimStore(desk);

type Row = { key: Parameters<ReturnType<typeof useT>['t']>[0]; value: (m: SimulationMetrics) => string };

/** The draft replayed with its re-optimisation; a value that differs from first decisions is marked. */
function ReoptCell({
  row,
  result,
  differs,
  off,
}: {
  row: Row;
  result: NonNullable<ReturnType<typeof useRoutingSimStore.getState>['result']>;
  differs: string;
  off: string;
}) {
  const m = result.draftReoptimised;
  if (!m) return <td className="muted">{off}</td>;
  const v = row.value(m);
  const changed = v !== row.value(result.draft);
  return (
    <td className={changed ? 'sim-differs' : undefined} title={changed ? differs : undefined} data-differs={changed || undefined}>
      {v}
    </td>
  );
}

/** Draft (first decisions, and with its re-optimisation) vs active over past orders: cost, splits, distance, promise hit-rate and load, side by side. */
export function RoutingSimPanel({ profileId }: { profileId: string }) {
  const { t, locale } = useT();
  const s = useRoutingSimStore();
  const n = (x: number, d = 0) => formatNumber(locale, x, { maximumFractionDigits: d });
  const pct = (x: number) => formatPercent(locale, x, 1);
  const rows: Row[] = [
    { key: 'sim.orders', value: (m) => n(m.orders) },
    { key: 'sim.sourced', value: (m) => n(m.sourced) },
    { key: 'sim.unfillable', value: (m) => n(m.unfillable) },
    { key: 'sim.totalCost', value: (m) => n(m.totalCost) },
    { key: 'sim.avgCost', value: (m) => n(m.avgCost) },
    { key: 'sim.splitRate', value: (m) => `${n(m.splitOrders)} (${pct(m.splitRate)})` },
    { key: 'sim.shipments', value: (m) => n(m.shipments) },
    { key: 'sim.avgDistance', value: (m) => n(m.avgDistanceKm, 1) },
    { key: 'sim.promise', value: (m) => pct(m.promiseHitRate) },
    { key: 'sim.reoptimised', value: (m) => n(m.reoptimised) },
    {
      key: 'sim.load',
      value: (m) =>
        m.load
          .slice(0, 5)
          .map((l) => `${l.locationName} ${n(l.shipments)}`)
          .join(' · ') || '—',
    },
  ];
  return (
    <section className="sim" data-testid="routing-sim">
      <h3>{t('sim.title')}</h3>
      <p className="muted small">{t('sim.help')}</p>
      <div className="action-row">
        <label>
          {t('sim.from')}{' '}
          <input type="date" value={s.from} data-testid="sim-from" onChange={(e) => s.rangeChanged({ from: e.target.value })} />
        </label>
        <label>
          {t('sim.to')} <input type="date" value={s.to} data-testid="sim-to" onChange={(e) => s.rangeChanged({ to: e.target.value })} />
        </label>
        <label>
          {t('sim.releaseAfter')}{' '}
          <input
            type="number"
            min={0}
            max={10080}
            step={15}
            className="narrow"
            value={s.releaseAfterMinutes}
            data-testid="sim-release-after"
            onChange={(e) => s.rangeChanged({ releaseAfterMinutes: Number(e.target.value) })}
          />
        </label>
        <button type="button" className="primary" disabled={s.busy} data-testid="sim-run" onClick={() => void s.runRequested(profileId)}>
          {s.busy ? t('sim.running') : t('sim.run')}
        </button>
      </div>
      {s.error ? (
        <div className="field-error" data-testid="sim-error">
          {s.error}
        </div>
      ) : null}
      {s.result ? (
        <table className="sim-table" data-testid="sim-result">
          <thead>
            <tr>
              <th>{t('sim.metric')}</th>
              <th>{t('sim.this')}</th>
              <th>{t('sim.withReopt')}</th>
              <th>{t('sim.active')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`sim-row-${r.key.slice(4)}`}>
                <td>{t(r.key)}</td>
                <td
                  className={s.result!.active && r.value(s.result!.active) !== r.value(s.result!.draft) ? 'sim-differs' : undefined}
                  title={s.result!.active && r.value(s.result!.active) !== r.value(s.result!.draft) ? t('sim.differsActive') : undefined}
                >
                  {r.value(s.result!.draft)}
                </td>
                <ReoptCell row={r} result={s.result!} differs={t('sim.differs')} off={t('sim.reoptOff')} />
                <td>{s.result!.active ? r.value(s.result!.active) : <span className="muted">{t('sim.noActive')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
