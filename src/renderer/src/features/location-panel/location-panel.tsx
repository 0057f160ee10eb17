import { useEffect, useState } from 'react';
import { mayCall, type LocationDetail } from '../../../../shared';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useLocationsStore } from '../map/locations.store';
import { useOrdersStore } from '../orders/orders.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { capacityToday, selectOpenDetail, useLocationPanelStore } from './location-panel.store';
import './location-panel.css';

function Stat({
  label,
  value,
  tone,
  testId,
  children,
}: {
  label: string;
  value: string;
  tone?: 'warn' | 'bad';
  testId: string;
  children?: React.ReactNode;
}) {
  return (
    <div className={`locpanel-stat${tone ? ` ${tone}` : ''}`} data-testid={testId}>
      <span className="locpanel-stat-value">{value}</span>
      <span className="locpanel-stat-label">{label}</span>
      {children}
    </div>
  );
}

function StockOuts({ d }: { d: LocationDetail }) {
  const { t, locale } = useT();
  const n = (x: number) => formatNumber(locale, x);
  if (d.topStockOuts.length === 0) return <p className="muted small">{t('locpanel.outs.none')}</p>;
  return (
    <>
      <table className="locpanel-outs" data-testid="locpanel-outs">
        <thead>
          <tr>
            <th>{t('locpanel.outs.sku')}</th>
            <th className="num">{t('locpanel.outs.waiting')}</th>
            <th className="num">{t('locpanel.outs.recent')}</th>
            <th className="num">{t('locpanel.outs.onHand')}</th>
          </tr>
        </thead>
        <tbody>
          {d.topStockOuts.map((o) => (
            <tr key={o.sku} data-testid="locpanel-out">
              <td>
                <strong>{o.sku}</strong>
                <div className="muted small">{o.name}</div>
              </td>
              <td className="num">{n(o.waitingUnits)}</td>
              <td className="num">{n(o.recentUnits)}</td>
              <td className="num">{n(o.onHand)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.stockOuts > d.topStockOuts.length ? (
        <p className="muted small">{t('locpanel.outs.more', { shown: n(d.topStockOuts.length), total: n(d.stockOuts) })}</p>
      ) : null}
    </>
  );
}

function PauseControls({ d }: { d: LocationDetail }) {
  const { t } = useT();
  const busy = useLocationPanelStore((s) => s.busy);
  const actionError = useLocationPanelStore((s) => s.actionError);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const pause = async () => {
    if (await useLocationPanelStore.getState().pauseRequested(reason.trim())) {
      setAsking(false);
      setReason('');
    }
  };
  return (
    <div className="locpanel-pause">
      {!d.active ? (
        <button
          type="button"
          disabled={busy}
          onClick={() => void useLocationPanelStore.getState().resumeRequested()}
          data-testid="locpanel-resume"
        >
          {t('locpanel.resume')}
        </button>
      ) : asking ? (
        <form
          className="locpanel-pause-form"
          onSubmit={(e) => {
            e.preventDefault();
            void pause();
          }}
        >
          <label>
            {t('locpanel.pause.reason')}
            <input
              value={reason}
              maxLength={500}
              autoFocus
              onChange={(e) => setReason(e.target.value)}
              data-testid="locpanel-pause-reason"
            />
          </label>
          <p className="muted small">{t('locpanel.pause.hint')}</p>
          <div className="locpanel-actions">
            <button type="submit" className="danger" disabled={busy || !reason.trim()} data-testid="locpanel-pause-confirm">
              {t('locpanel.pause.confirm')}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {t('locpanel.close')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setAsking(true)} data-testid="locpanel-pause">
          {t('locpanel.pause')}
        </button>
      )}
      {actionError ? (
        <p className="error small" role="alert">
          {t('locpanel.actionError', { message: actionError })}
        </p>
      ) : null}
    </div>
  );
}

/** One location, opened from the map: its queue, today's capacity, late orders, stock-outs that matter, and pause/resume. */
export function LocationPanel() {
  const { t, locale } = useT();
  const selectedId = useLocationPanelStore((s) => s.selectedId);
  const d = useLocationPanelStore(selectOpenDetail);
  const loading = useLocationPanelStore((s) => s.loading);
  const error = useLocationPanelStore((s) => s.error);
  const role = useSessionStore(selectRole);
  const filteredHere = useOrdersStore((s) => !!selectedId && s.query.locationId === selectedId);
  // The map's numbers refresh at most once a second; the open location follows them.
  const locations = useLocationsStore((s) => s.locations);
  useEffect(() => {
    if (selectedId) void useLocationPanelStore.getState().refreshRequested();
  }, [locations, selectedId]);
  if (!selectedId) return null;
  const n = (x: number) => formatNumber(locale, x);
  const close = () => useLocationPanelStore.getState().panelClosed();
  return (
    <aside className="locpanel" data-testid="location-panel" data-location-id={selectedId} aria-label={t('locpanel.title')}>
      <header className="locpanel-head">
        <div>
          <h3>{d?.name ?? t('locpanel.title')}</h3>
          {d ? (
            <div className="muted small">
              {t(`kind.${d.kind}`)} · {d.code} · {d.city}
            </div>
          ) : null}
        </div>
        {d ? (
          <span className={`health-tag health-${d.health}`} data-testid="locpanel-health">
            {d.health === 'paused' ? t('map.tooltip.paused') : t(`health.${d.health}`)}
          </span>
        ) : null}
        <button type="button" className="locpanel-close" onClick={close} aria-label={t('locpanel.close')} data-testid="locpanel-close">
          ×
        </button>
      </header>
      {error ? (
        <p className="error small" role="alert">
          {t('locpanel.error', { message: error })}
        </p>
      ) : null}
      {!d ? (
        loading ? (
          <p className="muted small">{t('locpanel.loading')}</p>
        ) : null
      ) : (
        <>
          {!d.active ? (
            <p className="locpanel-paused" data-testid="locpanel-paused">
              {d.pausedBy && d.pausedAt
                ? t('locpanel.paused', { who: d.pausedBy, at: formatDateTime(locale, d.pausedAt), reason: d.pausedReason ?? '' })
                : t('locpanel.pausedShort')}
            </p>
          ) : null}
          <div className="locpanel-stats">
            <Stat
              label={t('locpanel.queue')}
              value={n(d.backlog)}
              tone={d.health === 'critical' ? 'bad' : undefined}
              testId="locpanel-queue"
            />
            <Stat label={t('locpanel.late')} value={n(d.late)} tone={d.late ? 'warn' : undefined} testId="locpanel-late" />
            <Stat label={t('locpanel.outs')} value={n(d.stockOuts)} tone={d.stockOuts ? 'warn' : undefined} testId="locpanel-outs-count" />
          </div>
          <div className="locpanel-capacity" data-testid="locpanel-capacity">
            <div className="locpanel-stat-label">{t('locpanel.capacity')}</div>
            <div>
              {t('locpanel.capacityUsed', {
                used: n(d.assignedToday),
                capacity: n(d.dailyCapacity),
                left: n(capacityToday(d).left),
              })}{' '}
              · {formatPercent(locale, capacityToday(d).used)}
            </div>
            <span className="kpi-bar locpanel-bar">
              <span style={{ width: `${Math.min(100, capacityToday(d).used * 100)}%` }} />
            </span>
          </div>
          <h4>{t('locpanel.outs')}</h4>
          <StockOuts d={d} />
          <div className="locpanel-actions">
            <button
              type="button"
              disabled={filteredHere}
              onClick={() => useOrdersStore.getState().filterChanged({ locationId: d.id })}
              data-testid="locpanel-filter"
            >
              {filteredHere ? t('locpanel.filtered') : t('locpanel.filter')}
            </button>
          </div>
          {/* Keyed by location: another location's panel starts with no reason typed. */}
          {mayCall(role, 'locations.pause') ? <PauseControls key={d.id} d={d} /> : null}
        </>
      )}
    </aside>
  );
}
