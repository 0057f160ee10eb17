import { formatMoney } from '../../i18n/format';
import { translateOr } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { formatDay } from './shipping-format';
import { readShippingFact } from './shipping-timeline';
import { useShippingStore } from './shipping.store';
import './shipping.css';

/** The shipping facts under a timeline entry: carrier, tracking and parcel, the carrier's own words; the rate shop's choice; the promise. */
export function ShippingTimelineDetail({
  type,
  data,
  reason,
}: {
  type: string;
  data: Record<string, unknown> | null;
  reason: string | null;
}) {
  const { t, locale } = useT();
  const shipmentId = typeof data?.shipmentId === 'string' ? data.shipmentId : null;
  const shipment = useShippingStore((st) => (shipmentId ? st.shipments.find((x) => x.id === shipmentId) : undefined));
  const f = readShippingFact(type, data);
  if (!f) return null;
  if (f.kind === 'promised') {
    return <div className="timeline-shipping">{t('timeline.shipping.promised', { date: formatDay(locale, f.promisedAt) })}</div>;
  }
  if (f.kind === 'rated') {
    const head = [
      f.carrier,
      f.service,
      f.price ? formatMoney(locale, f.price.amount, f.price.currency) : null,
      f.etaAt ? formatDay(locale, f.etaAt) : null,
    ];
    return (
      <div className="timeline-shipping" data-testid="timeline-shipping">
        <strong>{head.filter(Boolean).join(' · ')}</strong>
        {/* The rate shop's sentence is the event's reason already (shown above it); a supervisor's change keeps both. */}
        {f.explanation && f.explanation !== reason ? <div className="muted">{f.explanation}</div> : null}
      </div>
    );
  }
  const head = [
    f.delayReason ? translateOr(locale, `delay.${f.delayReason}`, f.delayReason) : null,
    // The account's name as the desk knows it (the event names the carrier's kind only).
    shipment?.carrierName ?? (f.carrier ? translateOr(locale, `carriers.kind.${f.carrier}`, f.carrier) : null),
    f.trackingNumber,
    f.parcelCode,
  ];
  return (
    <div className="timeline-shipping" data-testid="timeline-shipping">
      <div>{head.filter(Boolean).join(' · ')}</div>
      {f.carrierCode || f.carrierText ? (
        <div className="muted">
          {t('timeline.shipping.raw')}: {f.carrierCode ? <code>{f.carrierCode}</code> : null} {f.carrierText}
          {f.location ? ` · ${f.location}` : ''}
        </div>
      ) : null}
    </div>
  );
}

/**
 * The reason line of a timeline event in words: a tracking event keeps the carrier's reason as a
 * code (`customer_absent`), shown in the person's language; other events' reasons are sentences.
 */
export function timelineReason(locale: Parameters<typeof translateOr>[0], type: string, reason: string): string {
  return type.startsWith('shipment.') && type !== 'shipment.delayed' ? translateOr(locale, `shipping.reason.${reason}`, reason) : reason;
}
