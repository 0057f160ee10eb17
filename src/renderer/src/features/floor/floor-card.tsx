import { useState, type ReactNode } from 'react';
import { DESK_ROLES, REJECTION_REASONS, type FloorRow, type RejectionReason } from '../../../../shared';
import { useNavStore } from '../../app/nav.store';
import { RelativeTime } from '../../components/relative-time';
import { formatNumber } from '../../i18n/format';
import { translateOr } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { useSessionStore } from '../session/session.store';
import { useFloorStore, type FloorOutcome } from './floor.store';

type Mode = 'idle' | 'short' | 'reject';

/** One open fulfilment order on the floor: its lines here, and the floor's answers (picked, short pick, reject). */
export function FloorCard({ row, nameOf, extra }: { row: FloorRow; nameOf: (id: string) => string; extra?: ReactNode }) {
  const { t, locale } = useT();
  const busy = useFloorStore((s) => !!s.busy[row.fulfilmentOrderId]);
  const outcome = useFloorStore((s) => s.outcomes[row.orderId]);
  const [mode, setMode] = useState<Mode>('idle');
  const [found, setFound] = useState<Record<string, number>>({});
  const [reason, setReason] = useState<RejectionReason>('not_in_stock');
  const [sku, setSku] = useState('');
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const store = useFloorStore.getState();
  // The order opens in the tower, the central desk's; a store associate reads it here on the card.
  const towerRole = useSessionStore((s) => (DESK_ROLES as readonly string[]).includes(s.info?.user.role ?? ''));
  const openOrder = () => {
    useNavStore.getState().opened('tower');
    useOrderDetailStore.getState().orderSelected(row.orderId);
  };
  const id = row.fulfilmentOrderId;

  return (
    <section className="floor-card" data-testid="floor-row" data-order-id={row.orderId} data-status={row.status}>
      <header>
        {towerRole ? (
          <button type="button" className="link" onClick={openOrder} title={t('floor.open')}>
            #{row.number}
          </button>
        ) : (
          <strong>#{row.number}</strong>
        )}
        <span className={`badge floor-status-${row.status}`}>{t(`floor.status.${row.status}`)}</span>
        <span className="ellipsis">{row.customerName}</span>
        <span className="muted small">
          {translateOr(locale, `channel.${row.channel}`, row.channel)}
          {row.customerTier ? ` · ${row.customerTier}` : ''}
        </span>
        <span className="muted small">
          <RelativeTime iso={row.assignedAt} />
        </span>
        {extra}
      </header>
      <table className="floor-lines">
        <tbody>
          {row.lines.map((l) => (
            <tr key={l.sku} data-testid="floor-line" data-sku={l.sku}>
              <td className="mono">{l.sku}</td>
              <td>{l.productName ?? ''}</td>
              <td className="num">× {formatNumber(locale, l.quantity)}</td>
              {mode === 'short' ? (
                <td>
                  <input
                    type="number"
                    min={0}
                    max={l.quantity}
                    aria-label={`${t('floor.found')} ${l.sku}`}
                    data-testid="floor-found"
                    value={found[l.sku] ?? l.quantity}
                    onChange={(e) => setFound({ ...found, [l.sku]: Number(e.target.value) })}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {row.elsewhere.map((e) => (
        <div key={`${e.locationId}:${e.sku}`} className="muted small">
          {t('floor.elsewhere', { location: nameOf(e.locationId), sku: e.sku, qty: formatNumber(locale, e.quantity) })}
        </div>
      ))}
      {!row.actionable ? (
        <div className="muted small">{t('floor.readonly')}</div>
      ) : mode === 'idle' ? (
        <div className="action-row">
          <button type="button" className="primary" data-testid="floor-picked" disabled={busy} onClick={() => void store.pickedAll(row)}>
            {busy ? t('floor.working') : t('floor.picked')}
          </button>
          <button type="button" className="ghost" data-testid="floor-short" disabled={busy} onClick={() => setMode('short')}>
            {t('floor.shortPick')}
          </button>
          <button type="button" className="danger ghost" data-testid="floor-reject" disabled={busy} onClick={() => setMode('reject')}>
            {t('floor.reject')}
          </button>
        </div>
      ) : mode === 'short' ? (
        <div className="action-row">
          <button
            type="button"
            className="primary"
            data-testid="floor-short-confirm"
            disabled={busy}
            onClick={() => void store.shortPicked(row, found).then(() => setMode('idle'))}
          >
            {busy ? t('floor.working') : t('floor.confirmShort')}
          </button>
          <button type="button" className="ghost" disabled={busy} onClick={() => setMode('idle')}>
            {t('floor.back')}
          </button>
        </div>
      ) : (
        <form
          className="floor-reject"
          data-testid="floor-reject-form"
          onSubmit={(e) => {
            e.preventDefault();
            const q = Number(quantity);
            void store
              .rejected(row, { reasonCode: reason, sku: sku || undefined, quantity: reason === 'damaged' && q > 0 ? q : undefined, note })
              .then(() => setMode('idle'));
          }}
        >
          <fieldset>
            <legend>{t('floor.reason')}</legend>
            {REJECTION_REASONS.map((code) => (
              <label key={code}>
                <input
                  type="radio"
                  name={`reason-${id}`}
                  value={code}
                  data-testid="floor-reason"
                  checked={reason === code}
                  onChange={() => setReason(code)}
                />{' '}
                {t(`floor.reason.${code}`)}
              </label>
            ))}
          </fieldset>
          {reason !== 'no_capacity' && row.lines.length > 1 ? (
            <label>
              {t('floor.sku')}{' '}
              <select data-testid="floor-reject-sku" value={sku} onChange={(e) => setSku(e.target.value)}>
                <option value="">{t('floor.allLines')}</option>
                {row.lines.map((l) => (
                  <option key={l.sku} value={l.sku}>
                    {l.sku}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {reason === 'damaged' ? (
            <label>
              {t('floor.quantity')}{' '}
              <input
                type="number"
                min={1}
                data-testid="floor-reject-quantity"
                value={quantity}
                onChange={(e) => setQuantity(e.target.value)}
              />
            </label>
          ) : null}
          <label>
            {t('floor.note')}{' '}
            <input type="text" maxLength={500} data-testid="floor-reject-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="action-row">
            <button type="submit" className="danger" data-testid="floor-reject-confirm" disabled={busy}>
              {busy ? t('floor.working') : t('floor.confirmReject')}
            </button>
            <button type="button" className="ghost" disabled={busy} onClick={() => setMode('idle')}>
              {t('floor.back')}
            </button>
          </div>
        </form>
      )}
      <Outcome outcome={outcome} nameOf={nameOf} />
    </section>
  );
}

function Outcome({ outcome, nameOf }: { outcome: FloorOutcome | undefined; nameOf: (id: string) => string }) {
  const { t } = useT();
  if (!outcome) return null;
  if ('kind' in outcome && outcome.kind === 'remainder') {
    const at = outcome.at.map(nameOf).join(', ');
    return (
      <div className="muted small" data-testid="floor-outcome">
        {t('floor.outcome.resourcing')} {at ? t('floor.remainder.sourcedAt', { at }) : ''}
        {outcome.how === 'backordered' ? ` ${t('floor.remainder.backordered', { number: `#${outcome.backorder ?? ''}` })}` : ''}
        {outcome.how === 'cancelled' ? ` ${t('floor.remainder.cancelled')}` : ''}
      </div>
    );
  }
  if ('error' in outcome) {
    return (
      <div className="banner error" role="alert" data-testid="floor-outcome">
        {outcome.error}
      </div>
    );
  }
  return (
    <div className="muted small" data-testid="floor-outcome">
      {t(`floor.outcome.${outcome.kind}`)}
      {outcome.kind === 'resourcing' && outcome.note ? ` ${outcome.note}` : ''}
    </div>
  );
}
