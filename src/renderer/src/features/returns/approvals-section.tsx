import { formatMoney } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useMay } from '../session/use-may';
import { selectSelectedIds, useApprovalsStore } from './approvals.store';
import { DueTimer, OrderLink, ReturnLinesSummary, ReturnReasons } from './return-parts';
import { refusalText } from './return-words';

/** The approvals queue: returns waiting for a person, chosen and approved or rejected together. */
export function ApprovalsSection() {
  const { t, locale } = useT();
  const queue = useApprovalsStore((s) => s.queue);
  const selected = useApprovalsStore((s) => s.selected);
  const refused = useApprovalsStore((s) => s.refused);
  const loaded = useApprovalsStore((s) => s.loaded);
  const settings = useApprovalsStore((s) => s.settings);
  const store = useApprovalsStore.getState();
  const may = useMay('returns.decide');
  const all = queue.length > 0 && queue.every((r) => selected[r.id]);
  return (
    <section className="returns-section" data-testid="returns-approvals" aria-label={t('returns.tab.approvals')}>
      <p className="muted small returns-hint">{t('returns.approvals.hint')}</p>
      <DecisionBar />
      {loaded && queue.length === 0 ? (
        <p className="muted returns-empty" data-testid="returns-approvals-empty">
          {t('returns.approvals.empty')}
        </p>
      ) : null}
      {queue.length ? (
        <table className="returns-table" data-testid="returns-queue">
          <thead>
            <tr>
              <th className="check">
                <input
                  type="checkbox"
                  aria-label={t('returns.selectAll')}
                  data-testid="returns-select-all"
                  checked={all}
                  disabled={!may.ok}
                  onChange={() => store.allToggled()}
                />
              </th>
              <th>{t('returns.col.number')}</th>
              <th>{t('returns.col.order')}</th>
              <th>{t('returns.col.customer')}</th>
              <th>{t('returns.col.items')}</th>
              <th className="num">{t('returns.col.value')}</th>
              <th>{t('returns.col.reasons')}</th>
              <th>{t('returns.col.due')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((r) => (
              <tr
                key={r.id}
                className={selected[r.id] ? 'selected' : undefined}
                data-testid="returns-queue-row"
                data-return-id={r.id}
                data-number={r.number}
              >
                <td className="check">
                  <input
                    type="checkbox"
                    aria-label={t('returns.selectOne', { number: r.number })}
                    data-testid="returns-select"
                    checked={!!selected[r.id]}
                    disabled={!may.ok}
                    title={may.why}
                    onChange={() => store.rowToggled(r.id)}
                  />
                </td>
                <td className="mono nowrap">R-{r.number}</td>
                <td className="nowrap">
                  <OrderLink orderId={r.orderId} number={r.orderNumber} />
                </td>
                <td className="ellipsis-cell" title={r.customerName ?? ''}>
                  {r.customerName ?? '—'}
                </td>
                <td className="items-cell">
                  <ReturnLinesSummary r={r} settings={settings} />
                </td>
                <td className="num nowrap" data-testid="returns-value">
                  {formatMoney(locale, r.value, r.currency)}
                </td>
                <td className="reasons-cell">
                  <ReturnReasons r={r} />
                  {refused[r.id] ? (
                    <div className="return-refused" role="alert" data-testid="returns-refused">
                      {t('returns.refused', { reason: refusalText(t, locale, refused[r.id]!, r.currency) })}
                    </div>
                  ) : null}
                </td>
                <td className="nowrap">
                  <DueTimer dueAt={r.dueAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** The bulk decision: how many are chosen, Aprobar / Rechazar, then the reason (required to reject) and the confirmation. */
function DecisionBar() {
  const { t } = useT();
  const queue = useApprovalsStore((s) => s.queue);
  const selected = useApprovalsStore((s) => s.selected);
  const deciding = useApprovalsStore((s) => s.deciding);
  const reason = useApprovalsStore((s) => s.reason);
  const reasonMissing = useApprovalsStore((s) => s.reasonMissing);
  const busy = useApprovalsStore((s) => s.busy);
  const decided = useApprovalsStore((s) => s.decided);
  const decideError = useApprovalsStore((s) => s.decideError);
  const store = useApprovalsStore.getState();
  const may = useMay('returns.decide');
  const n = selectSelectedIds({ queue, selected }).length;
  return (
    <div className="returns-decision">
      {deciding ? (
        <form
          className={`returns-decision-form ${deciding}`}
          data-testid="returns-decision-form"
          onSubmit={(e) => {
            e.preventDefault();
            void store.decisionConfirmed();
          }}
        >
          <label htmlFor="returns-decision-reason">
            {t(deciding === 'reject' ? 'returns.decision.reason' : 'returns.decision.reasonOptional')}
          </label>
          <input
            id="returns-decision-reason"
            data-testid="returns-decision-reason"
            value={reason}
            maxLength={500}
            autoFocus
            placeholder={t('returns.decision.placeholder')}
            aria-invalid={reasonMissing}
            onChange={(e) => store.reasonChanged(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && store.decisionCancelled()}
          />
          <button
            type="submit"
            className={deciding === 'reject' ? 'danger' : 'primary'}
            data-testid="returns-decision-confirm"
            disabled={busy || n === 0}
          >
            {busy
              ? t('returns.decision.working')
              : t(deciding === 'reject' ? 'returns.decision.confirmReject' : 'returns.decision.confirmApprove', { n })}
          </button>
          <button type="button" className="ghost" disabled={busy} onClick={() => store.decisionCancelled()}>
            {t('returns.decision.back')}
          </button>
          {reasonMissing ? (
            <div className="field-error" role="alert" data-testid="returns-reason-required">
              {t('returns.decision.reasonRequired')}
            </div>
          ) : null}
        </form>
      ) : (
        <div className="returns-decision-bar">
          <span className="muted small" data-testid="returns-selected-count">
            {n === 1 ? t('returns.selected.one') : t('returns.selected', { n })}
          </span>
          <button
            type="button"
            className="primary"
            data-testid="returns-approve"
            disabled={!may.ok || n === 0}
            title={may.why}
            onClick={() => store.decisionStarted('approve')}
          >
            {t('returns.approve')}
          </button>
          <button
            type="button"
            className="danger ghost"
            data-testid="returns-reject"
            disabled={!may.ok || n === 0}
            title={may.why}
            onClick={() => store.decisionStarted('reject')}
          >
            {t('returns.reject')}
          </button>
        </div>
      )}
      {decided ? (
        <div className="banner info" role="status" data-testid="returns-decided" data-decision={decided.decision}>
          {decided.numbers.length
            ? t(decided.decision === 'approve' ? 'returns.decided.approve' : 'returns.decided.reject', {
                numbers: decided.numbers.map((x) => `R-${x}`).join(', '),
              })
            : t('returns.decided.none')}
        </div>
      ) : null}
      {decideError ? (
        <div className="banner error" role="alert" data-testid="returns-decide-error">
          {decideError}
        </div>
      ) : null}
    </div>
  );
}
