import { useMemo } from 'react';
import type { OrderDetail } from '../../../../shared';
import { formatDateTime } from '../../i18n/format';
import { translateOr } from '../../i18n/i18n';
import { describeReason } from '../../i18n/reasons';
import { useT } from '../../i18n/locale.store';
import { selectTimeline } from './order-detail.store';
import { readDecision } from './sourcing-decision';
import { SourcingDecisionView } from './sourcing-decision-view';
import { ReoptNote } from './reopt-note';
import { OverrideComparison } from '../override/override-comparison';
import { ShippingTimelineDetail, timelineReason } from '../shipping/shipping-timeline-detail';
import { timelineTone } from '../shipping/shipping-timeline';

/** Every event of the order, in the order it happened: when, what, from → to, who, and why. */
export function OrderTimeline({ detail }: { detail: OrderDetail }) {
  const { t, locale } = useT();
  const events = useMemo(() => selectTimeline(detail), [detail]);
  if (events.length === 0) return <p className="muted">{t('detail.timeline.empty')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((e) => {
        const decision = readDecision(e.data);
        const shipTone = timelineTone(e.type);
        return (
          <li
            key={e.id}
            className={`timeline-entry to-${e.toStatus ?? 'none'}${shipTone ? ` ship-${shipTone}` : ''}`}
            data-testid="timeline-entry"
            data-to-status={e.toStatus ?? ''}
            data-type={e.type}
          >
            <span className="timeline-dot" />
            <div className="timeline-head">
              <span className="timeline-type">{translateOr(locale, `event.${e.type}`, e.type)}</span>
              <time dateTime={e.at}>{formatDateTime(locale, e.at)}</time>
            </div>
            {e.fromStatus || e.toStatus ? (
              <div className="timeline-move">
                {e.fromStatus ? (
                  <span className={`badge small status-${e.fromStatus}`}>{t(`status.${e.fromStatus}`)}</span>
                ) : (
                  <span className="muted">∅</span>
                )}
                <span className="arrow">→</span>
                {e.toStatus ? (
                  <span className={`badge small status-${e.toStatus}`}>{t(`status.${e.toStatus}`)}</span>
                ) : (
                  <span className="muted">∅</span>
                )}
              </div>
            ) : null}
            <div className="timeline-actor muted">{t('detail.by', { actor: e.actor })}</div>
            {e.reason ? (
              <div className="timeline-reason">
                “{e.type === 'order.unfillable' ? describeReason(locale, e.reason, ['sourcing']) : timelineReason(locale, e.type, e.reason)}
                ”
              </div>
            ) : null}
            {e.type === 'order.reoptimised' ? <ReoptNote data={e.data} /> : null}
            {decision ? <SourcingDecisionView decision={decision} /> : null}
            {e.type === 'order.overridden' ? <OverrideComparison data={e.data} /> : null}
            <ShippingTimelineDetail type={e.type} data={e.data} reason={e.reason} />
          </li>
        );
      })}
    </ol>
  );
}
