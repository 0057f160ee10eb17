import { DISPOSITIONS, RECEIPT_OUTCOMES, type Disposition, type ReceiptOutcome, type Return } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { selectDispositionsMissing, useCounterStore } from './counter.store';

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
  const store = useCounterStore.getState();
  const missing = selectDispositionsMissing(r, dispositions);
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
            </tr>
          ))}
        </tbody>
      </table>
      {problem === 'dispositions' ? (
        <div className="field-error" role="alert">
          {t('returns.counter.dispositionsNeeded')}
        </div>
      ) : null}
      <button type="submit" className="primary" data-testid="return-inspect" disabled={busy}>
        {busy ? t('returns.counter.inspecting') : t('returns.counter.inspect')}
      </button>
    </form>
  );
}
