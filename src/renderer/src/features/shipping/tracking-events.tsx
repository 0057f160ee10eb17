import type { TrackingEvent } from '../../../../shared';
import { formatDateTime } from '../../i18n/format';
import { translateOr } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { eventsNewestFirst, shipmentTone } from './shipment-view';

/**
 * A shipment's tracking, newest first, each event in its three layers: our status in words and the
 * reason, the carrier's raw code and text, where and when (and how we heard of it). An event that
 * did not move the shipment (older, backwards, unknown code) is kept and shown greyed.
 */
export function TrackingEvents({ events }: { events: readonly TrackingEvent[] }) {
  const { t, locale } = useT();
  if (!events.length) return <p className="muted small">{t('shipping.shipment.noEvents')}</p>;
  return (
    <ol className="tracking-events" data-testid="tracking-events">
      {eventsNewestFirst(events).map((e) => (
        <li
          key={e.id}
          className={`tracking-event tone-${e.status ? shipmentTone(e.status) : 'over'}${e.applied ? '' : ' not-applied'}`}
          data-testid="tracking-event"
          data-status={e.status ?? ''}
          data-applied={e.applied ? 'true' : 'false'}
        >
          <div className="tracking-head">
            <strong>{e.status ? t(`shipping.status.${e.status}`) : t('shipping.event.unknownStatus')}</strong>
            {e.reason ? <span> · {translateOr(locale, `shipping.reason.${e.reason}`, e.reason)}</span> : null}
            <time dateTime={e.occurredAt}>{formatDateTime(locale, e.occurredAt)}</time>
          </div>
          <div className="tracking-raw small">
            <code>{e.carrierCode}</code> {e.carrierText}
          </div>
          <div className="muted small">
            {e.location ? `${e.location} · ` : ''}
            {t(`shipping.event.source.${e.source}`)}
            {e.applied ? '' : ` · ${t('shipping.event.notApplied')}`}
          </div>
        </li>
      ))}
    </ol>
  );
}
