import { Fragment, useState } from 'react';
import type { AuditEntry } from '../../../../shared';
import { useNavStore } from '../../app/nav.store';
import { formatDateTime } from '../../i18n/format';
import { actionName, roleName } from '../../i18n/forbidden';
import { useT } from '../../i18n/locale.store';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { changedKeys, showValue } from './audit-diff';
import { useAuditStore } from './audit.store';

const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const COLUMNS = 6;

/** One audit entry, and its before/after when expanded. */
export function AuditRow({
  entry,
  canOpenOrders,
  locationName,
}: {
  entry: AuditEntry;
  canOpenOrders: boolean;
  locationName(id: string): string;
}) {
  const { t, locale } = useT();
  const [open, setOpen] = useState(false);
  const hasDetail = entry.before !== null || entry.after !== null || entry.input !== null || entry.error !== null;
  const changes = changedKeys(entry.before, entry.after);
  const openOrder = (id: string) => {
    useNavStore.getState().opened('tower');
    useOrderDetailStore.getState().orderSelected(id);
  };
  return (
    <Fragment>
      <tr data-testid="audit-row" data-action={entry.action} data-outcome={entry.outcome} data-order-id={entry.orderId ?? ''}>
        <td className="nowrap">{formatDateTime(locale, entry.at)}</td>
        <td>
          <span data-testid="audit-who">{entry.userName}</span> <span className="muted small">{roleName(locale, entry.role)}</span>
        </td>
        <td title={entry.action}>{capitalised(actionName(locale, entry.action))}</td>
        <td>
          <span className={`inbox-status audit-${entry.outcome}`}>{t(`audit.outcome.${entry.outcome}`)}</span>
        </td>
        <td className="audit-reason">{entry.reason ?? ''}</td>
        <td>
          {entry.orderId ? (
            canOpenOrders ? (
              <button
                type="button"
                className="link"
                data-testid="audit-order"
                title={t('audit.openOrder')}
                onClick={() => openOrder(entry.orderId!)}
              >
                {t('audit.order', { id: entry.orderId })}
              </button>
            ) : (
              <span className="mono">{t('audit.order', { id: entry.orderId })}</span>
            )
          ) : null}
          {entry.locationId ? (
            <>
              {entry.orderId ? ' · ' : null}
              <button
                type="button"
                className="link"
                title={t('audit.filterLocation')}
                onClick={() => void useAuditStore.getState().filtersChanged({ locationId: entry.locationId! })}
              >
                {locationName(entry.locationId)}
              </button>
            </>
          ) : null}
          {entry.subject ? <span className="muted small"> {entry.subject}</span> : null}{' '}
          {hasDetail ? (
            <button type="button" className="ghost small" data-testid="audit-expand" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? t('audit.details.hide') : t('audit.details')}
            </button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr className="audit-detail" data-testid="audit-detail">
          <td colSpan={COLUMNS}>
            {entry.before !== null || entry.after !== null ? (
              changes.length ? (
                <table className="audit-diff" data-testid="audit-diff">
                  <thead>
                    <tr>
                      <th>{t('audit.diff.key')}</th>
                      <th>{t('audit.diff.before')}</th>
                      <th>{t('audit.diff.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((c) => (
                      <tr key={c.key} data-testid="audit-diff-row" data-key={c.key}>
                        <td className="mono">{c.key || '—'}</td>
                        <td className="mono before">{showValue(c.before)}</td>
                        <td className="mono after">{showValue(c.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p className="muted small">{t('audit.diff.none')}</p>
              )
            ) : null}
            {entry.input !== null ? (
              <p className="small">
                <strong>{t('audit.input')}:</strong> <code className="mono">{showValue(entry.input)}</code>
              </p>
            ) : null}
            {entry.error ? (
              <p className="small">
                <strong>{t('audit.error.detail')}:</strong> {entry.error}
              </p>
            ) : null}
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
