import { useState } from 'react';
import { mayCall, type Pickup } from '../../../../shared';
import { RelativeTime } from '../../components/relative-time';
import { useT } from '../../i18n/locale.store';
import { useNow } from '../../lib/use-now';
import { selectRole, useSessionStore } from '../session/session.store';
import { selectExpiringSoon, selectRemaining, usePickupStore } from './pickup.store';
import { ShownCode } from './shown-code';
import './pickup.css';
import { ReloadBanner } from '../../components/reload-banner';

/** The pickup counter: packed store-pickup orders to make ready, ready pickups soonest-to-expire first, and the hand-over. */
export function PickupCounter() {
  const { t } = useT();
  const pickups = usePickupStore((s) => s.pickups);
  const toReady = usePickupStore((s) => s.toReady);
  const error = usePickupStore((s) => s.error);
  const busy = usePickupStore((s) => s.busy);
  const readyError = usePickupStore((s) => s.readyError);
  const shown = usePickupStore((s) => s.shown);
  const results = usePickupStore((s) => s.results);
  const store = usePickupStore.getState();
  // Hand-overs that closed their pickup (it left the list): said here, so the counter sees it went through.
  const closed = Object.values(results).filter(
    (r): r is Extract<typeof r, { kind: 'done' }> => r.kind === 'done' && !pickups.some((p) => p.orderId === r.pickup.orderId),
  );
  return (
    <div className="pickup-counter">
      {shown ? <ShownCode pickup={shown.pickup} printJob={shown.printJob} /> : null}
      {closed.map((r) => (
        <div key={r.pickup.orderId} className="banner info" role="status" data-testid="pickup-closed" data-order-id={r.pickup.orderId}>
          {t('pickup.closed', { number: r.pickup.orderNumber, status: t(`pickup.status.${r.pickup.status}`) })}
        </div>
      ))}
      <ReloadBanner message={error ? t('floor.error', { message: error }) : null} onReload={() => void store.refreshRequested()} />
      <section aria-label={t('pickup.toReady')}>
        <h3>{t('pickup.toReady')}</h3>
        {toReady.length === 0 ? <p className="muted small">{t('pickup.noneToReady')}</p> : null}
        {toReady.map((o) => (
          <div key={o.id} className="pickup-card" data-testid="pickup-to-ready" data-order-id={o.id}>
            <strong>#{o.number}</strong>
            <span className="ellipsis">{o.customer.name}</span>
            <span className="muted small">{t('pickup.units', { n: o.totalUnits })}</span>
            <button
              type="button"
              className="primary"
              data-testid="pickup-make-ready"
              disabled={!!busy[o.id]}
              onClick={() => void store.readyRequested(o.id)}
            >
              {busy[o.id] ? t('floor.working') : t('pickup.makeReady')}
            </button>
            {readyError[o.id] ? (
              <div className="banner error" role="alert">
                {readyError[o.id]}
              </div>
            ) : null}
          </div>
        ))}
      </section>
      <section aria-label={t('pickup.ready')}>
        <h3>{t('pickup.ready')}</h3>
        {pickups.length === 0 ? (
          <p className="muted small" data-testid="pickup-empty">
            {t('pickup.noneReady')}
          </p>
        ) : null}
        {pickups.map((p) => (
          <PickupCard key={p.orderId} pickup={p} />
        ))}
      </section>
    </div>
  );
}

function PickupCard({ pickup }: { pickup: Pickup }) {
  const { t } = useT();
  const now = useNow(60_000);
  const role = useSessionStore(selectRole);
  const busy = usePickupStore((s) => !!s.busy[pickup.orderId]);
  const result = usePickupStore((s) => s.results[pickup.orderId]);
  const remaining = selectRemaining(pickup);
  const [code, setCode] = useState('');
  const [choose, setChoose] = useState(false);
  const [units, setUnits] = useState<Record<string, number>>(remaining);
  const [declineRest, setDeclineRest] = useState(false);
  const soon = selectExpiringSoon(pickup, now);
  const id = `pickup-${pickup.orderId}`;
  const submit = async () => {
    const ok = await usePickupStore.getState().handoverSubmitted(pickup, { code, units: choose ? units : undefined, declineRest });
    if (ok) setCode('');
  };
  return (
    <form
      className={`pickup-card ready${soon ? ' soon' : ''}`}
      data-testid="pickup-ready"
      data-order-id={pickup.orderId}
      data-status={pickup.status}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <header>
        <strong>#{pickup.orderNumber}</strong>
        <span className="ellipsis">{pickup.customerName}</span>
        <span className={`badge pickup-status-${pickup.status}`}>{t(`pickup.status.${pickup.status}`)}</span>
        <span className={soon ? 'expiry soon' : 'expiry muted small'} data-testid={soon ? 'pickup-expiring' : undefined}>
          {soon ? `${t('pickup.expiringSoon')} · ` : ''}
          {t('pickup.expires')} <RelativeTime iso={pickup.expiresAt} />
        </span>
      </header>
      <table className="floor-lines">
        <tbody>
          {pickup.lines.map((l) => (
            <tr key={l.sku}>
              <td className="mono">{l.sku}</td>
              <td>{l.productName ?? ''}</td>
              <td className="num">
                {l.collected}/{l.quantity}
              </td>
              {choose ? (
                <td>
                  <input
                    type="number"
                    min={0}
                    max={remaining[l.sku]}
                    className="num-input"
                    aria-label={t('pickup.take', { sku: l.sku })}
                    data-testid="pickup-units"
                    data-sku={l.sku}
                    value={units[l.sku] ?? 0}
                    onChange={(e) => setUnits({ ...units, [l.sku]: Math.max(0, Number(e.target.value) || 0) })}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {pickup.locked ? (
        <div className="banner error" role="alert" data-testid="pickup-locked">
          {t('pickup.locked')}
          {mayCall(role, 'pickup.reissueCode') ? (
            <button
              type="button"
              disabled={busy}
              data-testid="pickup-reissue"
              onClick={() => void usePickupStore.getState().codeReissued(pickup.orderId)}
            >
              {t('pickup.reissue')}
            </button>
          ) : null}
        </div>
      ) : (
        <div className="handover-row">
          <label htmlFor={`${id}-code`}>{t('pickup.code')}</label>
          <input
            id={`${id}-code`}
            data-testid="pickup-code"
            className="code-input"
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <label className="small">
            <input type="checkbox" data-testid="pickup-choose" checked={choose} onChange={(e) => setChoose(e.target.checked)} />{' '}
            {t('pickup.chooseUnits')}
          </label>
          <label className="small">
            <input type="checkbox" data-testid="pickup-decline" checked={declineRest} onChange={(e) => setDeclineRest(e.target.checked)} />{' '}
            {t('pickup.declineRest')}
          </label>
          <button type="submit" className="primary" data-testid="pickup-handover" disabled={busy || !code.trim()}>
            {busy ? t('floor.working') : t('pickup.handover')}
          </button>
        </div>
      )}
      {pickup.wrongCodes > 0 && !pickup.locked ? (
        <div className="muted small" data-testid="pickup-wrong-count">
          {t('pickup.wrongCodes', { n: pickup.wrongCodes })}
        </div>
      ) : null}
      {result?.kind === 'error' ? (
        <div className="banner error" role="alert" data-testid="pickup-error">
          {result.message}
        </div>
      ) : result?.kind === 'done' ? (
        <div className="banner info" role="status" data-testid="pickup-done">
          {t(`pickup.done.${result.pickup.status === 'collected' ? 'all' : 'part'}`)}
        </div>
      ) : null}
    </form>
  );
}
