import { useEffect, useMemo } from 'react';
import type { LateBoard } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { ReloadBanner } from '../../components/reload-banner';
import { RelativeTime } from '../../components/relative-time';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { AlertAgeChip, OrderLink, ResolveAlert } from '../shipping/alert-parts';
import { formatDay, formatRate } from '../shipping/shipping-format';
import '../shipping/shipping.css';
import { carrierNames, isPicked, NO_FILTER, selectAlerts, selectOnTimeByCarrier, useLateBoardStore } from './late-board.store';
import './late-board.css';

/** A draft shipment's carrier before the rate shop chose one (shipments.carrier). */
const NO_CARRIER = 'pending';

/** The "why late" board: open shipment alerts grouped by reason × carrier, the alerts with their age and actions, on-time rates per carrier and region. */
export function LateBoardView() {
  const { t } = useT();
  const board = useLateBoardStore((s) => s.board);
  const loading = useLateBoardStore((s) => s.loading);
  const error = useLateBoardStore((s) => s.error);
  useEffect(() => void useLateBoardStore.getState().refreshRequested(), []);
  useLiveEvents((e) => useLateBoardStore.getState().liveEventReceived(e));
  return (
    <main className="panel late-board" data-testid="late-board-view" aria-label={t('late.title')}>
      <div className="panel-head">
        <h2>{t('late.title')}</h2>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        <span className="muted small">{t('late.hint')}</span>
      </div>
      <ReloadBanner
        message={error ? t('late.error', { message: error }) : null}
        onReload={() => void useLateBoardStore.getState().refreshRequested()}
      />
      {board ? (
        <div className="late-scroll">
          <Groups board={board} />
          <Alerts board={board} />
          <OnTime board={board} />
        </div>
      ) : null}
    </main>
  );
}

function Groups({ board }: { board: LateBoard }) {
  const { t, locale } = useT();
  const filter = useLateBoardStore((s) => s.filter);
  const store = useLateBoardStore.getState();
  const open = board.alerts.filter((a) => a.status === 'open').length;
  return (
    <section className="late-groups" aria-label={t('late.groups')}>
      <h3>{t('late.groups')}</h3>
      {board.groups.length === 0 ? (
        <p className="muted" data-testid="late-empty">
          {t('late.groups.empty')}
        </p>
      ) : (
        <div className="late-group-grid">
          <button
            type="button"
            className={`late-group all${!filter.reason && !filter.carrier ? ' picked' : ''}`}
            data-testid="late-group-all"
            onClick={() => store.filterChanged(NO_FILTER)}
          >
            <span className="late-count">{formatNumber(locale, open)}</span>
            <span>{t('late.all', { n: formatNumber(locale, open) })}</span>
          </button>
          {board.groups.map((g) => (
            <button
              key={`${g.reason}/${g.carrier}`}
              type="button"
              className={`late-group${isPicked(filter, g) ? ' picked' : ''}`}
              aria-pressed={isPicked(filter, g)}
              data-testid="late-group"
              data-reason={g.reason}
              data-carrier={g.carrier}
              onClick={() => store.filterChanged(isPicked(filter, g) ? NO_FILTER : { reason: g.reason, carrier: g.carrier })}
            >
              <span className="late-count">{formatNumber(locale, g.count)}</span>
              <span>
                <strong>{t(`delay.${g.reason}`)}</strong>
                <span className="muted"> · {g.carrier === NO_CARRIER ? t('late.carrier.none') : g.carrierName}</span>
              </span>
              <span className="muted small">
                {t('late.oldest')} <RelativeTime iso={g.oldestRaisedAt} />
              </span>
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

function Alerts({ board }: { board: LateBoard }) {
  const { t, locale } = useT();
  const filter = useLateBoardStore((s) => s.filter);
  const busy = useLateBoardStore((s) => s.busy);
  const errors = useLateBoardStore((s) => s.errors);
  const alerts = useMemo(() => selectAlerts(board, filter), [board, filter]);
  if (!alerts.length) return null;
  return (
    <section className="late-alerts">
      <h3>{t('late.alerts', { n: formatNumber(locale, alerts.length) })}</h3>
      <table className="late-table" data-testid="late-alerts">
        <thead>
          <tr>
            <th>{t('late.col.age')}</th>
            <th>{t('late.col.order')}</th>
            <th>{t('late.col.reason')}</th>
            <th>{t('late.col.carrier')}</th>
            <th>{t('late.col.region')}</th>
            <th>{t('late.col.promise')}</th>
            <th>{t('late.col.detail')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id} data-testid="late-alert" data-alert-id={a.id} data-reason={a.reason} data-order-id={a.orderId}>
              <td>
                <AlertAgeChip raisedAt={a.raisedAt} />
              </td>
              <td>
                <OrderLink orderId={a.orderId} number={a.orderNumber} />
              </td>
              <td>{t(`delay.${a.reason}`)}</td>
              <td>
                {a.carrier === NO_CARRIER ? t('late.carrier.none') : a.carrierName}
                {a.trackingNumber ? <div className="mono small">{a.trackingNumber}</div> : null}
              </td>
              <td>{a.region ?? '—'}</td>
              <td>{formatDay(locale, a.promisedAt)}</td>
              <td className="late-detail">{a.detail}</td>
              <td>
                <ResolveAlert
                  busy={!!busy[a.id]}
                  error={errors[a.id]}
                  onResolve={(note) => useLateBoardStore.getState().alertResolved(a.id, note)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function OnTime({ board }: { board: LateBoard }) {
  const { t, locale } = useT();
  const rows = useMemo(() => selectOnTimeByCarrier(board), [board]);
  const names = useMemo(() => carrierNames(board), [board]);
  const n = (x: number) => formatNumber(locale, x);
  return (
    <section className="late-on-time">
      <h3>{t('late.onTime')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('late.onTime.none')}</p>
      ) : (
        <table className="late-table on-time" data-testid="late-on-time">
          <thead>
            <tr>
              <th>{t('late.onTime.col.carrier')}</th>
              <th className="num">{t('late.onTime.col.delivered')}</th>
              <th className="num">{t('late.onTime.col.onTime')}</th>
              <th className="num">{t('late.onTime.col.rate')}</th>
            </tr>
          </thead>
          {rows.map((c) => (
            <tbody key={c.carrier} data-testid="on-time-carrier" data-carrier={c.carrier}>
              <tr className="carrier-row">
                <td>
                  <strong>{names[c.carrier] ?? c.carrier}</strong>
                </td>
                <td className="num">{n(c.delivered)}</td>
                <td className="num">{n(c.onTime)}</td>
                <td className="num">
                  <RateBar rate={c.rate} label={formatRate(locale, c.rate)} />
                </td>
              </tr>
              {c.regions.map((r) => (
                <tr key={r.region} className="region-row">
                  <td>{r.region === 'unknown' || !r.region ? t('late.region.unknown') : r.region}</td>
                  <td className="num">{n(r.delivered)}</td>
                  <td className="num">{n(r.onTime)}</td>
                  <td className="num">
                    <RateBar rate={r.rate} label={formatRate(locale, r.rate)} />
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}

function RateBar({ rate, label }: { rate: number; label: string }) {
  const tone = rate >= 0.9 ? 'ok' : rate >= 0.75 ? 'warn' : 'bad';
  return (
    <span className={`rate-bar tone-${tone}`}>
      <span className="rate-fill" style={{ width: `${Math.round(Math.max(0, Math.min(1, rate)) * 100)}%` }} />
      <span className="rate-label">{label}</span>
    </span>
  );
}
