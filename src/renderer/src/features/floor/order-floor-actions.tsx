import { useState } from 'react';
import { mayCall, REJECTION_REASONS, type RejectionReason } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { useOrdersStore } from '../orders/orders.store';
import { pickReport } from './floor.store';

/** Who may report for the floor from the order detail (the roles the contract gives both floor actions): an order assigned and not yet picked. */
export const selectCanReportFloor = (role: string | undefined, status: string | undefined): boolean =>
  mayCall(role, 'fulfilment.reject') && mayCall(role, 'fulfilment.shortPick') && status === 'sourced';

/** The floor's answers from the order detail, for a planner acting for a store: reject with a reason, or a short pick. */
export function OrderFloorActions() {
  const { t } = useT();
  const role = useSessionStore(selectRole);
  const detail = useOrderDetailStore((s) => s.detail);
  const [mode, setMode] = useState<'idle' | 'reject' | 'short'>('idle');
  const [reason, setReason] = useState<RejectionReason>('not_in_stock');
  const [note, setNote] = useState('');
  const [found, setFound] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!detail || !selectCanReportFloor(role, detail.status)) return null;
  // The part a report from here is about: the main location's if it waits to be picked, else the first that does.
  const waiting = detail.parts.filter((p) => p.status === 'assigned');
  const part = waiting.find((p) => p.locationId === detail.locationId) ?? waiting[0] ?? null;

  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = (await call()) as { note?: string | null };
      setNotice(r?.note ?? null);
      setMode('idle');
      void useOrderDetailStore.getState().refreshRequested();
      useOrdersStore.getState().refreshRequested();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (mode === 'idle') {
    return (
      <>
        {part ? (
          <button type="button" className="ghost" data-testid="detail-floor-short" onClick={() => setMode('short')}>
            {t('floor.shortPick')}
          </button>
        ) : null}
        <button type="button" className="ghost" data-testid="detail-floor-reject" onClick={() => setMode('reject')}>
          {t('floor.reject')}
        </button>
        {notice ? (
          <div className="banner info" role="status" data-testid="detail-floor-notice">
            {notice}
          </div>
        ) : null}
      </>
    );
  }
  return (
    <div className="floor-reject" data-testid="detail-floor-form">
      {mode === 'reject' ? (
        <>
          <fieldset>
            <legend>{t('floor.reason')}</legend>
            {REJECTION_REASONS.map((code) => (
              <label key={code}>
                <input type="radio" name="detail-floor-reason" value={code} checked={reason === code} onChange={() => setReason(code)} />{' '}
                {t(`floor.reason.${code}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('floor.note')} <input type="text" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        </>
      ) : (
        (part?.lines ?? []).map((l) => (
          <label key={l.sku}>
            <span className="mono">{l.sku}</span> {t('floor.found')}{' '}
            <input
              type="number"
              min={0}
              max={l.quantity}
              value={found[l.sku] ?? l.quantity}
              onChange={(e) => setFound({ ...found, [l.sku]: Number(e.target.value) })}
            />{' '}
            / {l.quantity}
          </label>
        ))
      )}
      <div className="action-row">
        <button
          type="button"
          className={mode === 'reject' ? 'danger' : 'primary'}
          data-testid="detail-floor-confirm"
          disabled={busy}
          onClick={() =>
            void run(() =>
              mode === 'reject'
                ? desk.call('fulfilment.reject', { orderId: detail.id, reasonCode: reason, ...(note.trim() ? { note: note.trim() } : {}) })
                : desk.call('fulfilment.shortPick', {
                    orderId: detail.id,
                    ...(part ? { locationId: part.locationId } : {}),
                    picked: pickReport({ lines: part?.lines ?? [] }, found),
                  }),
            )
          }
        >
          {busy ? t('floor.working') : mode === 'reject' ? t('floor.confirmReject') : t('floor.confirmShort')}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={() => setMode('idle')}>
          {t('floor.back')}
        </button>
      </div>
      {error ? (
        <div className="banner error" role="alert" data-testid="detail-floor-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
