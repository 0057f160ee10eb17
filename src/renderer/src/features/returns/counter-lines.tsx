import { DISPOSITIONS, RECEIPT_OUTCOMES, type Disposition, type ReceiptOutcome, type Return, type ReturnLine } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { selectDispositionsMissing, selectRejectionReasonsMissing, useCounterStore } from './counter.store';

/** Each line of the return as it arrived: received, missing, a wrong item or short, with the units in hand. */
export function ReceiveLines({ r }: { r: Return }) {
  const { t, locale } = useT();
  const receipt = useCounterStore((s) => s.receipt);
  const busy = useCounterStore((s) => s.busy);
  const store = useCounterStore.getState();
  return (
    <form
      className="counter-step"
      data-testid="return-receive-form"
      onSubmit={(e) => {
        e.preventDefault();
        void store.receiveRequested();
      }}
    >
      <table className="returns-table counter-lines">
        <thead>
          <tr>
            <th>{t('returns.counter.col.item')}</th>
            <th className="num">{t('returns.counter.col.asked')}</th>
            <th>{t('returns.counter.col.outcome')}</th>
            <th className="num">{t('returns.counter.col.units')}</th>
          </tr>
        </thead>
        <tbody>
          {r.lines.map((l) => {
            const got = receipt[l.lineNo] ?? { outcome: 'received' as const, quantity: l.quantity };
            return (
              <tr key={l.lineNo} data-testid="return-line" data-sku={l.sku} data-line-no={l.lineNo}>
                <td>
                  <span className="mono">{l.sku}</span> {l.productName ? <span className="muted">{l.productName}</span> : null}
                </td>
                <td className="num">{formatNumber(locale, l.quantity)}</td>
                <td>
                  <select
                    aria-label={t('returns.counter.outcomeOf', { sku: l.sku })}
                    data-testid="return-line-outcome"
                    value={got.outcome}
                    onChange={(e) => store.outcomeChanged(l.lineNo, e.target.value as ReceiptOutcome)}
                  >
                    {RECEIPT_OUTCOMES.map((o) => (
                      <option key={o} value={o}>
                        {t(`returns.outcome.${o}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="num">
                  <input
                    type="number"
                    min={0}
                    max={l.quantity}
                    className="num-input"
                    aria-label={t('returns.counter.unitsOf', { sku: l.sku })}
                    data-testid="return-line-units"
                    value={got.quantity}
                    disabled={got.outcome === 'missing'}
                    onChange={(e) => store.quantityChanged(l.lineNo, Number(e.target.value))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit" className="primary" data-testid="return-receive" disabled={busy}>
        {busy ? t('returns.counter.receiving') : t('returns.counter.receive')}
      </button>
    </form>
  );
}

/** A disposition per received line (a line of which nothing came has none to give); closing it issues the refund. */
export function InspectLines({ r }: { r: Return }) {
  const { t, locale } = useT();
  const dispositions = useCounterStore((s) => s.dispositions);
  const problem = useCounterStore((s) => s.problem);
  const busy = useCounterStore((s) => s.busy);
  const rejections = useCounterStore((s) => s.rejections);
  const store = useCounterStore.getState();
  const missing = selectDispositionsMissing(r, dispositions);
  const reasonless = selectRejectionReasonsMissing(rejections);
  return (
    <form
      className="counter-step"
      data-testid="return-inspect-form"
      onSubmit={(e) => {
        e.preventDefault();
        void store.inspectRequested();
      }}
    >
      <h3>{t('returns.counter.inspectTitle')}</h3>
      <p className="muted small">{t('returns.counter.inspectHint')}</p>
      <table className="returns-table counter-lines">
        <thead>
          <tr>
            <th>{t('returns.counter.col.item')}</th>
            <th>{t('returns.counter.col.outcome')}</th>
            <th className="num">{t('returns.counter.col.received')}</th>
            <th>{t('returns.counter.col.disposition')}</th>
            <th>{t('returns.counter.col.acceptance')}</th>
          </tr>
        </thead>
        <tbody>
          {r.lines.map((l) => (
            <tr key={l.lineNo} data-testid="return-line" data-sku={l.sku} data-line-no={l.lineNo}>
              <td>
                <span className="mono">{l.sku}</span> {l.productName ? <span className="muted">{l.productName}</span> : null}
              </td>
              <td>{l.receiptOutcome ? t(`returns.outcome.${l.receiptOutcome}`) : '—'}</td>
              <td className="num">
                {formatNumber(locale, l.received)}/{formatNumber(locale, l.quantity)}
              </td>
              <td>
                {l.disposition ? (
                  t(`returns.disposition.${l.disposition}`)
                ) : l.receiptOutcome && l.received > 0 ? (
                  <select
                    aria-label={t('returns.counter.dispositionOf', { sku: l.sku })}
                    data-testid="return-line-disposition"
                    value={dispositions[l.lineNo] ?? ''}
                    aria-invalid={problem === 'dispositions' && missing.includes(l.lineNo)}
                    onChange={(e) => store.dispositionChanged(l.lineNo, e.target.value as Disposition)}
                  >
                    <option value="" disabled>
                      {t('returns.counter.chooseDisposition')}
                    </option>
                    {DISPOSITIONS.map((d) => (
                      <option key={d} value={d}>
                        {t(`returns.disposition.${d}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="muted small">{t('returns.counter.nothingReceived')}</span>
                )}
              </td>
              <td>
                <Acceptance
                  line={l}
                  reason={rejections[l.lineNo]}
                  invalid={problem === 'rejectionReasons' && reasonless.includes(l.lineNo)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problem === 'dispositions' ? (
        <div className="field-error" role="alert">
          {t('returns.counter.dispositionsNeeded')}
        </div>
      ) : null}
      {problem === 'rejectionReasons' ? (
        <div className="field-error" role="alert">
          {t('returns.counter.rejectionReasonsNeeded')}
        </div>
      ) : null}
      {Object.keys(rejections).length ? <p className="muted small">{t('returns.counter.rejectedNotRefunded')}</p> : null}
      <button type="submit" className="primary" data-testid="return-inspect" disabled={busy}>
        {busy ? t('returns.counter.inspecting') : t('returns.counter.inspect')}
      </button>
    </form>
  );
}

/** An item's acceptance: what the inspection decided, or — while inspecting — accepted unless the inspector rejects it with a reason. */
function Acceptance({ line, reason, invalid }: { line: ReturnLine; reason: string | undefined; invalid: boolean }) {
  const { t } = useT();
  const store = useCounterStore.getState();
  if (line.acceptance === 'accepted') return <span>{t('returns.item.accepted')}</span>;
  if (line.acceptance === 'rejected') return <span>{t('returns.item.rejected', { reason: line.rejectionReason ?? '' })}</span>;
  if (line.state !== 'received' && line.state !== 'short') return <span className="muted">—</span>;
  const rejected = reason !== undefined;
  return (
    <div className="counter-acceptance">
      <label>
        <input
          type="checkbox"
          data-testid="return-line-reject"
          aria-label={t('returns.counter.rejectOf', { sku: line.sku })}
          checked={rejected}
          onChange={(e) => store.rejectionToggled(line.lineNo, e.target.checked)}
        />{' '}
        {t('returns.counter.reject')}
      </label>
      {rejected ? (
        <input
          type="text"
          data-testid="return-line-rejection-reason"
          aria-label={t('returns.counter.rejectionReasonOf', { sku: line.sku })}
          placeholder={t('returns.counter.rejectionPlaceholder')}
          maxLength={500}
          value={reason}
          aria-invalid={invalid}
          onChange={(e) => store.rejectionReasonChanged(line.lineNo, e.target.value)}
        />
      ) : null}
    </div>
  );
}
