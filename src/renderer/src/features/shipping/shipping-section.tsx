import { useEffect } from 'react';
import { mayCall, type OrderDetail } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { useT } from '../../i18n/locale.store';
import { useLocationsStore } from '../map/locations.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { ChangeCarrierDialog } from './change-carrier-dialog';
import { ShipmentCard } from './shipment-card';
import { quotedOption } from './shipment-view';
import { ShippingDecisionView } from './shipping-decision-view';
import { selectHasShipping, useShippingStore } from './shipping.store';
import './shipping.css';

/**
 * Shipping in the order detail: per packing location, the rate shop's decision (a supervisor may
 * change the carrier) and the shipments it covers, each with its tracking. Nothing shows before the
 * order has a shipment or a decision; live on `shipping.changed` for this order.
 */
export function ShippingSection({ order }: { order: Pick<OrderDetail, 'id' | 'number' | 'parts' | 'locationId' | 'locationName'> }) {
  const { t } = useT();
  const role = useSessionStore(selectRole);
  const decisions = useShippingStore((s) => s.decisions);
  const shipments = useShippingStore((s) => s.shipments);
  const error = useShippingStore((s) => s.error);
  const loading = useShippingStore((s) => s.loading);
  const has = useShippingStore(selectHasShipping);
  const locations = useLocationsStore((s) => s.locations);
  useEffect(() => {
    void useShippingStore.getState().orderShown(order.id);
    return () => void useShippingStore.getState().orderShown(null);
  }, [order.id]);
  useLiveEvents((e) => useShippingStore.getState().liveEventReceived(e));
  const nameOf = (id: string) =>
    order.parts.find((p) => p.locationId === id)?.locationName ??
    (order.locationId === id ? order.locationName : null) ??
    locations.find((l) => l.id === id)?.name ??
    id;
  const mayChange = mayCall(role, 'shipping.choose') && mayCall(role, 'shipping.quote');
  if (!has && !error) return null;
  const covered = new Set(decisions.map((d) => d.locationId));
  const others = shipments.filter((s) => !covered.has(s.locationId));
  return (
    <section className="shipping-section" data-testid="shipping-section" aria-label={t('shipping.title')}>
      <h3>
        {t('shipping.title')} {loading ? <span className="spinner" aria-hidden="true" /> : null}
      </h3>
      {error ? (
        <div className="banner error" role="alert" data-testid="shipping-error">
          {t('shipping.error', { message: error })}
          <button type="button" onClick={() => void useShippingStore.getState().refreshRequested()}>
            {t('shipping.reload')}
          </button>
        </div>
      ) : null}
      {decisions.map((d) => (
        <div key={d.id} className="ship-location">
          <ShippingDecisionView
            decision={d}
            locationName={nameOf(d.locationId)}
            onChange={mayChange ? () => void useShippingStore.getState().changeOpened(d.locationId) : undefined}
          />
          {shipments
            .filter((s) => s.locationId === d.locationId)
            .map((s) => (
              <ShipmentCard key={s.id} shipment={s} quoted={quotedOption(decisions, s)} />
            ))}
        </div>
      ))}
      {others.map((s) => (
        <ShipmentCard key={s.id} shipment={s} />
      ))}
      <ChangeCarrierDialog number={order.number} />
    </section>
  );
}
