import { useEffect, useMemo, useState } from 'react';
import { mayCall } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { ReloadBanner } from '../../components/reload-banner';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { ShipmentChip } from '../shipping/shipment-chip';
import '../shipping/shipping.css';
import { selectDockCarriers, useDockStore, type DockCarrier } from './dock.store';
import { useFloorStore } from './floor.store';
import './dock.css';

/** The dock at the floor's location: shipments waiting for their carrier, by carrier, each with its close-out. */
export function DockPanel() {
  const { t } = useT();
  const locationId = useFloorStore((s) => s.locationId);
  const shipments = useDockStore((s) => s.shipments);
  const loading = useDockStore((s) => s.loading);
  const error = useDockStore((s) => s.error);
  const carriers = useMemo(() => selectDockCarriers(shipments), [shipments]);
  useEffect(() => void useDockStore.getState().locationChosen(locationId), [locationId]);
  useLiveEvents((e) => useDockStore.getState().liveEventReceived(e));
  return (
    <section className="dock" data-testid="dock" aria-label={t('dock.title')}>
      <h3>
        {t('dock.title')} {loading ? <span className="spinner" aria-hidden="true" /> : null}
      </h3>
      <ReloadBanner
        message={error ? t('dock.error', { message: error }) : null}
        onReload={() => void useDockStore.getState().refreshRequested()}
      />
      {carriers.length === 0 && !loading && !error ? <p className="muted small">{t('dock.empty')}</p> : null}
      {carriers.map((c) => (
        <DockCarrierCard key={c.carrierAccountId} carrier={c} />
      ))}
    </section>
  );
}

function DockCarrierCard({ carrier: c }: { carrier: DockCarrier }) {
  const { t, locale } = useT();
  const role = useSessionStore(selectRole);
  const busy = useDockStore((s) => !!s.busy[c.carrierAccountId]);
  const result = useDockStore((s) => s.results[c.carrierAccountId]);
  const [bookPickup, setBookPickup] = useState(false);
  const may = mayCall(role, 'shipping.manifest');
  return (
    <div className="pack-card dock-carrier" data-testid="dock-carrier" data-account-id={c.carrierAccountId}>
      <header>
        <strong>{c.carrierName}</strong>
        <span className="muted small">
          {t('dock.counts', { ready: formatNumber(locale, c.ready), pending: formatNumber(locale, c.pending) })}
        </span>
      </header>
      <ul className="dock-parcels">
        {c.shipments.map((s) => (
          <li key={s.id} data-testid="dock-shipment" data-shipment-id={s.id} data-status={s.status}>
            <span className="mono parcel-code">{s.parcelCode ?? '—'}</span>
            <span>#{s.orderNumber}</span>
            <span className="mono small muted">{s.trackingNumber ?? ''}</span>
            <ShipmentChip status={s.status} testId="dock-shipment-status" />
          </li>
        ))}
      </ul>
      {may ? (
        <div className="action-row">
          <button
            type="button"
            className="primary"
            data-testid="dock-close-out"
            disabled={busy || c.ready === 0}
            onClick={() => void useDockStore.getState().closedOut(c.carrierAccountId, bookPickup)}
          >
            {busy ? t('dock.working') : t('dock.closeOut', { carrier: c.carrierName })}
          </button>
          <label className="small">
            <input type="checkbox" checked={bookPickup} onChange={(e) => setBookPickup(e.target.checked)} /> {t('dock.bookPickup')}
          </label>
        </div>
      ) : null}
      {result?.kind === 'done' ? (
        <div className="banner info small" role="status" data-testid="dock-manifest">
          {t('dock.manifested', {
            n: formatNumber(locale, result.manifest.shipments),
            ref: result.manifest.externalId ?? result.manifest.id,
          })}
          {result.manifest.pickupConfirmation ? ` ${t('dock.pickupBooked', { ref: result.manifest.pickupConfirmation })}` : ''}
        </div>
      ) : null}
      {result?.kind === 'error' ? (
        <div className="banner error small" role="alert" data-testid="dock-error">
          {result.message}
        </div>
      ) : null}
    </div>
  );
}
