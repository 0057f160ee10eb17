import { useEffect, useRef } from 'react';
import type { BulkAction } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { selectLocationById, useLocationsStore } from '../map/locations.store';
import { selectRole, useSessionStore } from '../session/session.store';
import { bulkFailureText } from './bulk-failure';
import { selectSelectedCount, useBulkStore } from './bulk-selection.store';
import { useOrdersStore } from './orders.store';
import { toQueueHash } from './queue-url';

/** What the confirm step says: the action, its details and how many orders. */
function useConfirmText(action: BulkAction, n: number): string {
  const { t, locale } = useT();
  const location = useLocationsStore((s) => selectLocationById(s, action.kind === 'move' ? action.locationId : null));
  const key = `bulk.confirm.${n === 1 ? 'one.' : ''}${action.kind}` as MessageKey;
  const params = { n: formatNumber(locale, n) };
  switch (action.kind) {
    case 'advance':
      return t(key, { ...params, status: t(`status.${action.to}`) });
    case 'cancel':
      return t(key, { ...params, reason: action.reason });
    case 'move':
      return t(key, { ...params, location: location?.name ?? action.locationId, reason: action.reason });
    case 'print':
      return t(key, { ...params, doc: t(`bulk.print.${action.what}`) });
  }
}

/** The confirm step (naming how many orders), and the wait while the engine works through them. */
export function BulkConfirm() {
  const { t, locale } = useT();
  const step = useBulkStore((s) => s.step);
  const error = useBulkStore((s) => s.error);
  const count = useBulkStore(selectSelectedCount);
  const action = step.kind === 'confirm' || step.kind === 'running' ? step.action : null;
  const text = useConfirmText(action ?? { kind: 'advance', to: 'picked' }, count);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  if (!action) return null;
  const running = step.kind === 'running';
  return (
    <div className="bulk-bar confirm" role="alertdialog" aria-label={text} data-testid="bulk-confirm">
      <div className="bulk-row">
        <span className="bulk-question" data-testid="bulk-confirm-text">
          {running ? t('bulk.running', { n: formatNumber(locale, step.count) }) : text}
        </span>
        {running ? <span className="spinner" aria-hidden="true" /> : null}
        <button
          ref={confirm}
          type="button"
          className={action.kind === 'cancel' ? 'danger' : 'primary'}
          disabled={running}
          data-testid="bulk-confirm-go"
          onClick={() => void useBulkStore.getState().confirmed()}
        >
          {t('bulk.confirm.go')}
        </button>
        <button
          type="button"
          className="ghost"
          disabled={running}
          data-testid="bulk-confirm-back"
          onClick={() => useBulkStore.getState().dismissed()}
        >
          {t('bulk.back')}
        </button>
      </div>
      {error ? (
        <div className="banner error" role="alert">
          {t('bulk.error', { message: error })}
        </div>
      ) : null}
    </div>
  );
}

/** "12 done, 2 not", each failure with its order (a link that opens it) and why, in the desk's language. */
export function BulkResultView() {
  const { t, locale } = useT();
  const step = useBulkStore((s) => s.step);
  const role = useSessionStore(selectRole);
  const query = useOrdersStore((s) => s.query);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  if (step.kind !== 'result') return null;
  const { output, action } = step;
  const failures = output.results.filter((r) => !r.ok);
  return (
    <div className="bulk-bar result" role="status" data-testid="bulk-result">
      <div className="bulk-row">
        <strong data-testid="bulk-result-summary">
          {t('bulk.result', { done: formatNumber(locale, output.done), failed: formatNumber(locale, output.failed) })}
        </strong>
        <button
          ref={close}
          type="button"
          className="primary"
          data-testid="bulk-result-close"
          onClick={() => useBulkStore.getState().dismissed()}
        >
          {t('bulk.result.close')}
        </button>
      </div>
      {failures.length ? (
        <ul className="bulk-failures" aria-label={t('bulk.result.failures')} data-testid="bulk-failures">
          {failures.map((r) => (
            <li key={r.id} data-testid="bulk-failure" data-order-id={r.id}>
              {r.number !== null ? (
                <a href={toQueueHash({ query, orderId: r.id })} className="order-number">
                  #{r.number}
                </a>
              ) : (
                <span className="muted">{t('bulk.result.unknown')}</span>
              )}{' '}
              <span data-testid="bulk-failure-reason">{bulkFailureText(locale, action, r, role)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
