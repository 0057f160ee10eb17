import { DEFAULT_SLA_HOURS, type QueueOrder } from '../../../../shared';
import { formatDateTime, formatDateWith, formatRelative } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useNow } from '../../lib/use-now';
import { shortSpan, urgencyOf } from './urgency';

/** Day, month and a 24-hour time: the deadline in a narrow column ("6/12 22:09"). */
const DEADLINE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** The deadline, marked "SLA" when it is the default service level (no promised date). */
export function PromisedCell({ order }: { order: QueueOrder }) {
  const { t, locale } = useT();
  if (!order.dueAt) return null;
  return (
    <time dateTime={order.dueAt} title={formatDateTime(locale, order.dueAt)} className="promised">
      {formatDateWith(locale, order.dueAt, DEADLINE)}
      {order.promisedAt ? null : (
        <abbr className="sla-default" title={t('queue.sla.default.title', { hours: DEFAULT_SLA_HOURS })}>
          {' '}
          {t('queue.sla.default')}
        </abbr>
      )}
    </time>
  );
}

/** Time left to the deadline, with a late or at-risk flag in words (not colour alone); a dash once the order left the planner. */
export function SlaCell({ order }: { order: QueueOrder }) {
  const { t, locale } = useT();
  const now = useNow(15_000);
  const urgency = urgencyOf(order, now);
  if (urgency === 'closed' || !order.dueAt) return <span className="muted">—</span>;
  const span = shortSpan(locale, new Date(order.dueAt).getTime() - now);
  const title = formatRelative(locale, order.dueAt, now);
  if (urgency === 'late')
    return (
      <span className="urgency late" data-urgency="late" title={title}>
        <span aria-hidden="true">⚠ </span>
        {t('queue.late.by', { time: span })}
      </span>
    );
  return (
    <span className={`urgency ${urgency === 'atRisk' ? 'at-risk' : 'on-time'}`} data-urgency={urgency} title={title}>
      {urgency === 'atRisk' ? `${t('queue.atRisk')} · ` : null}
      {span}
    </span>
  );
}
