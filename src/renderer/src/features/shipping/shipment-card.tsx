import { useState } from 'react';
import { mayCall, type RateOption, type Shipment } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { EtaPromise } from './eta-promise';
import { ShipmentChip } from './shipment-chip';
import { shipmentActions } from './shipment-view';
import { formatDay } from './shipping-format';
import { useShippingStore } from './shipping.store';
import { DETAIL_KEYS, useDetailCommand } from '../palette/detail-commands.store';
import { KeyHint } from '../palette/kbd';
import { TrackingEvents } from './tracking-events';

type Asking = 'print' | 'cancel' | null;

/** One shipment: parcel, carrier, tracking number, status, ETA against the promise, the last carrier problem, its tracking, and its actions by role. */
export function ShipmentCard({ shipment: s, quoted }: { shipment: Shipment; quoted?: RateOption }) {
  const { t, locale } = useT();
  const role = useSessionStore(selectRole);
  const busy = useShippingStore((st) => !!st.busy[s.id]);
  const notice = useShippingStore((st) => st.notices[s.id]);
  const [asking, setAsking] = useState<Asking>(null);
  const can = shipmentActions(s);
  const may = {
    print: can.printLabel && mayCall(role, 'shipping.printLabel'),
    retry: can.retryLabel && s.carrierAccountId !== null && mayCall(role, 'shipping.retryLabel'),
    cancel: can.cancel && mayCall(role, 'shipping.cancel'),
  };
  const store = useShippingStore.getState();
  // The panel's print key (P): a shipment shown that may print its label again; with several, the one registered last.
  useDetailCommand('print', may.print && !busy && !asking ? () => setAsking('print') : null);
  return (
    <div className="ship-card" data-testid="shipment" data-shipment-id={s.id} data-status={s.status}>
      <div className="ship-card-head">
        <span className="mono parcel-code">{s.parcelCode ?? '—'}</span>
        <span>
          <strong>{s.carrierName}</strong>
          {s.service ? <span className="muted"> · {quoted?.serviceName ?? s.service}</span> : null}
        </span>
        <ShipmentChip status={s.status} />
      </div>
      <dl className="facts ship-facts">
        <dt>{t('shipping.shipment.tracking')}</dt>
        <dd>
          {s.trackingNumber ? (
            <span className="mono" data-testid="tracking-number" title={s.trackingUrl ?? undefined}>
              {s.trackingNumber}
            </span>
          ) : (
            <span className="muted">{s.carrierAccountId ? t('shipping.shipment.noTracking') : t('shipping.shipment.manual')}</span>
          )}
        </dd>
        <dt>{t('shipping.shipment.eta')}</dt>
        <dd>
          {/* The carrier's own estimate once it gives one; until then the one it quoted. */}
          <EtaPromise etaAt={s.etaAt ?? quoted?.etaAt ?? null} promisedAt={s.promisedAt} />
          {!s.etaAt && quoted?.etaAt ? <span className="muted small"> ({t('shipping.shipment.quoted')})</span> : null}
        </dd>
        <dt>{t('shipping.shipment.promise')}</dt>
        <dd>{formatDay(locale, s.promisedAt)}</dd>
      </dl>
      {s.lastError ? (
        <div className="banner warn small" data-testid="shipment-last-error">
          <strong>{t('shipping.shipment.lastError')}:</strong> {s.lastError}
        </div>
      ) : null}
      {asking ? (
        <ReasonForm
          label={asking === 'print' ? t('shipping.printAgain.reason') : t('shipping.cancel.reason')}
          confirm={asking === 'print' ? t('shipping.printAgain.confirm') : t('shipping.cancel.confirm')}
          danger={asking === 'cancel'}
          busy={busy}
          onBack={() => setAsking(null)}
          onSubmit={async (reason) => {
            const ok = asking === 'print' ? await store.labelPrinted(s.id, reason) : await store.shipmentCancelled(s.id, reason);
            if (ok) setAsking(null);
          }}
        />
      ) : may.print || may.retry || may.cancel ? (
        <div className="action-row">
          {may.retry ? (
            <button
              type="button"
              className="primary"
              data-testid="retry-label"
              disabled={busy}
              onClick={() => void store.labelRetried(s.id)}
            >
              {busy ? t('shipping.working') : t('shipping.retryLabel')}
            </button>
          ) : null}
          {may.print ? (
            <button
              type="button"
              className="ghost"
              data-testid="print-label"
              disabled={busy}
              aria-keyshortcuts={DETAIL_KEYS.print.toUpperCase()}
              onClick={() => setAsking('print')}
            >
              {t('shipping.printAgain')}
              <KeyHint k={DETAIL_KEYS.print} />
            </button>
          ) : null}
          {may.cancel ? (
            <button
              type="button"
              className="danger ghost"
              data-testid="cancel-shipment"
              disabled={busy}
              onClick={() => setAsking('cancel')}
            >
              {t('shipping.cancel')}
            </button>
          ) : null}
        </div>
      ) : null}
      {notice ? (
        <div
          className={notice.kind === 'error' ? 'banner error small' : 'banner info small'}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="shipment-notice"
        >
          {notice.kind === 'error'
            ? notice.message
            : notice.printer
              ? t('shipping.printed', { printer: notice.printer })
              : t('shipping.printed.unrouted')}
        </div>
      ) : null}
      <details className="ship-events" open={s.events.length > 0 && s.events.length <= 6}>
        <summary>{t('shipping.shipment.events', { n: s.events.length })}</summary>
        <TrackingEvents events={s.events} />
      </details>
    </div>
  );
}

/** A mandatory reason (at least 3 characters, as the contract asks) before a reprint or a cancellation. */
export function ReasonForm({
  label,
  confirm,
  danger,
  busy,
  onBack,
  onSubmit,
}: {
  label: string;
  confirm: string;
  danger?: boolean;
  busy: boolean;
  onBack(): void;
  onSubmit(reason: string): Promise<void>;
}) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const short = reason.trim().length < 3;
  return (
    <form
      className="cancel-form"
      data-testid="reason-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!short) void onSubmit(reason.trim());
      }}
    >
      <label>
        {label}
        <textarea
          data-testid="reason-input"
          value={reason}
          maxLength={500}
          rows={2}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={touched && short}
        />
      </label>
      {touched && short ? <div className="field-error">{t('shipping.change.required')}</div> : null}
      <div className="action-row">
        <button type="submit" className={danger ? 'danger' : 'primary'} data-testid="reason-confirm" disabled={busy}>
          {busy ? t('shipping.working') : confirm}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={onBack}>
          {t('shipping.change.back')}
        </button>
      </div>
    </form>
  );
}
