import { DESK_ROLES, type Return, type ReturnSettings, type ReturnStatus } from '../../../../shared';
import { formatDateTime, formatNumber, formatRelative } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useNow } from '../../lib/use-now';
import { useNavStore } from '../../app/nav.store';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { selectOverdue } from './approvals.store';
import { selectReasonLabel } from './order-returns.store';
import { returnReasons, statusTone } from './return-words';

/** A return's status as a coloured chip; the raw status rides along in `data-status`. */
export function ReturnStatusChip({ status }: { status: ReturnStatus }) {
  const { t } = useT();
  return (
    <span className={`badge return-status tone-${statusTone(status)}`} data-testid="return-status" data-status={status}>
      {t(`returns.status.${status}`)}
    </span>
  );
}

/** The policy's reasons, worded (one per line): what sends it to a person first, the windows that allow it muted. */
export function ReturnReasons({ r, testId = 'return-reasons' }: { r: Pick<Return, 'reasons' | 'currency'>; testId?: string }) {
  const { t, locale } = useT();
  const reasons = returnReasons(t, locale, r);
  if (!reasons.length) return null;
  return (
    <ul className="return-reasons" data-testid={testId}>
      {reasons.map((x) => (
        <li key={x.text} className={x.kind}>
          {x.text}
        </li>
      ))}
    </ul>
  );
}

/** What comes back, line by line: units × SKU, the customer's reason (the settings' label) and the declared condition. */
export function ReturnLinesSummary({ r, settings }: { r: Pick<Return, 'lines'>; settings: Pick<ReturnSettings, 'reasons'> | null }) {
  const { t, locale } = useT();
  return (
    <ul className="return-lines-summary" data-testid="return-lines-summary">
      {r.lines.map((l) => (
        <li key={l.lineNo} title={l.productName ?? undefined}>
          {t('returns.lineSummary', {
            qty: formatNumber(locale, l.quantity),
            sku: l.sku,
            reason: selectReasonLabel(settings, l.reason),
            condition: t(`returns.condition.${l.condition}`).toLocaleLowerCase(locale),
          })}
        </li>
      ))}
    </ul>
  );
}

/** The review SLA: "vence en 5 h", red once "vencida hace 2 h". */
export function DueTimer({ dueAt }: { dueAt: string | null }) {
  const { t, locale } = useT();
  const now = useNow(30_000);
  if (!dueAt) return <span className="muted">—</span>;
  const overdue = selectOverdue({ dueAt }, now);
  const when = formatRelative(locale, dueAt, now);
  return (
    <time
      dateTime={dueAt}
      title={formatDateTime(locale, dueAt)}
      className={overdue ? 'return-due overdue' : 'return-due'}
      data-testid="return-due"
      data-overdue={overdue}
    >
      {t(overdue ? 'returns.due.overdue' : 'returns.due.in', { when })}
    </time>
  );
}

/** The order's number, opening the order in the tower's detail panel (for the central desk, whose view the tower is). */
export function OrderLink({ orderId, number }: { orderId: string; number: number }) {
  const { t } = useT();
  const role = useSessionStore(selectRole);
  if (!DESK_ROLES.some((r) => r === role)) return <span>#{number}</span>;
  return (
    <button
      type="button"
      className="link"
      title={t('returns.openOrder', { number })}
      data-testid="return-order-link"
      onClick={() => {
        useNavStore.getState().opened('tower');
        useOrderDetailStore.getState().orderSelected(orderId);
      }}
    >
      #{number}
    </button>
  );
}
