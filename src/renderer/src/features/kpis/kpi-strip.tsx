import { useEffect } from 'react';
import type { QueueUrgencyFilter } from '../../../../shared';
import { liveHub } from '../../api/live-hub';
import { useT } from '../../i18n/locale.store';
import { afterFirstWork } from '../../lib/first-work';
import { useOrdersStore } from '../orders/orders.store';
import { kpiView } from './kpi-view';
import { KPI_POLL_MS, useKpisStore } from './kpis.store';
import './kpis.css';

const ARROW = { up: '▲', down: '▼', flat: '▬' } as const;

/**
 * Six figures of the order flow in one row above the queue: orders/h with its trend, fill, split and
 * on-time rates, backlog age, and the at-risk and late counts — the last two filter the queue.
 * Each tile's tooltip says exactly what it counts.
 */
export function KpiStrip() {
  const { t, locale } = useT();
  const kpis = useKpisStore((s) => s.kpis);
  const error = useKpisStore((s) => s.error);
  const urgency = useOrdersStore((s) => s.query.urgency);
  useEffect(() => {
    // After the queue's first page: both read the whole order table (first-work.ts).
    const offFirst = afterFirstWork(() => void useKpisStore.getState().refreshRequested());
    const off = liveHub.subscribeBatch((events) => useKpisStore.getState().liveEventsReceived(events));
    const timer = setInterval(() => useKpisStore.getState().pollDue(), KPI_POLL_MS);
    return () => {
      offFirst();
      off();
      clearInterval(timer);
    };
  }, []);
  if (!kpis && !error) return <div className="kpis-strip loading" aria-hidden="true" data-testid="kpis-strip" />;
  if (!kpis)
    return (
      <div className="kpis-strip" data-testid="kpis-strip">
        <span className="kpis-error" role="status">
          {t('kpis.error', { message: error ?? '' })}
        </span>
      </div>
    );
  const view = kpiView(kpis, locale, t);
  const filter = (to: QueueUrgencyFilter) => useOrdersStore.getState().urgencyFilterChanged(urgency === to ? null : to);
  return (
    <div
      className="kpis-strip"
      role="group"
      aria-label={t('kpis.label')}
      data-testid="kpis-strip"
      title={error ? t('kpis.error', { message: error }) : undefined}
    >
      {view.tiles.map((tile) => (
        <div key={tile.id} className={`kpis-tile kpis-tile-${tile.id}`} title={tile.title} data-testid={`kpis-${tile.id}`}>
          <span className="kpis-label">{tile.label}</span>
          <span className="kpis-value" data-testid={`kpis-${tile.id}-value`}>
            {tile.value}
            {tile.trend ? (
              <span className={`kpis-trend trend-${tile.trend}`} role="img" aria-label={tile.trendLabel} title={tile.trendLabel}>
                {ARROW[tile.trend]}
              </span>
            ) : null}
          </span>
          <span className="kpis-sub">{tile.sub}</span>
        </div>
      ))}
      <div className="kpis-tile kpis-risk" role="group" aria-label={t('kpis.risk.label')}>
        <button
          type="button"
          className={`kpis-risk-button tone-at-risk${urgency === 'atRisk' ? ' active' : ''}`}
          aria-pressed={urgency === 'atRisk'}
          title={view.atRisk.title}
          onClick={() => filter('atRisk')}
          data-testid="kpis-atRisk"
        >
          {view.atRisk.text}
        </button>
        <button
          type="button"
          className={`kpis-risk-button tone-late${urgency === 'late' ? ' active' : ''}`}
          aria-pressed={urgency === 'late'}
          title={view.late.title}
          onClick={() => filter('late')}
          data-testid="kpis-late"
        >
          {view.late.text}
        </button>
      </div>
    </div>
  );
}
