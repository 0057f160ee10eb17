import { useEffect, useRef, useState } from 'react';
import { describeWaveGroup } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { beep } from './beep';
import { ReleasedNotice } from './released-notice';
import { selectCurrentLine, selectShorts, selectWalk, usePickWorkStore } from './pick-work.store';

/**
 * The batch walk of a wave: its lines in bin order, and a scan field that keeps the focus, so a
 * keyboard-wedge scanner (which types the code and Enter) works without touching the screen. A right
 * item says, big, which slot it goes to; a wrong one says why in red, with a short beep.
 */
export function WaveWalk() {
  const { t, locale } = useT();
  const wave = usePickWorkStore((s) => s.wave)!;
  const feedback = usePickWorkStore((s) => s.feedback);
  const busy = usePickWorkStore((s) => s.busy);
  const actionError = usePickWorkStore((s) => s.actionError);
  const released = usePickWorkStore((s) => s.released);
  const store = usePickWorkStore.getState();
  const [code, setCode] = useState('');
  const [confirming, setConfirming] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const walk = selectWalk(wave);
  const current = selectCurrentLine(wave);
  const shorts = selectShorts(wave);

  // The scan field takes the focus back whenever nothing else asked for it (a click on the table, a finished scan).
  useEffect(() => {
    const refocus = () =>
      setTimeout(() => {
        const el = document.activeElement;
        if (!el || el === document.body || el.closest('.wave-lines')) input.current?.focus();
      });
    input.current?.focus();
    document.addEventListener('focusout', refocus);
    return () => document.removeEventListener('focusout', refocus);
  }, []);

  const submit = async () => {
    const scanned = code.trim();
    if (!scanned) return;
    // The field is free at once for the next scan; the store sends them in order.
    setCode('');
    const ok = await store.scanned(scanned);
    if (!ok) beep();
    input.current?.focus();
  };

  return (
    <section className="wave-walk" data-testid="wave-walk-view" data-wave-id={wave.id} aria-label={t('pick.walkOf', { code: wave.code })}>
      <header className="wave-walk-head">
        <button type="button" className="ghost" data-testid="wave-back" onClick={() => store.waveClosed()}>
          ← {t('floor.back')}
        </button>
        <strong className="wave-code">{wave.code}</strong>
        <span className="muted small">{describeWaveGroup(wave.groupedBy, locale)}</span>
        <span data-testid="wave-progress">
          {t('pick.unitsPicked', { picked: formatNumber(locale, wave.picked), units: formatNumber(locale, wave.units) })}
        </span>
        <progress max={wave.units || 1} value={wave.picked} aria-hidden="true" />
        <span className="topbar-spacer" />
        <button type="button" className="danger ghost" data-testid="wave-cancel" disabled={busy} onClick={() => void store.waveCancelled()}>
          {t('pick.cancelWave')}
        </button>
        <button type="button" className="primary" data-testid="wave-complete" disabled={busy} onClick={() => setConfirming(true)}>
          {t('pick.complete')}
        </button>
      </header>
      {released?.code === wave.code ? <ReleasedNotice code={released.code} job={released.printJob} /> : null}
      <form
        className="scan-row"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="wave-scan">{t('pick.scan')}</label>
        <input
          id="wave-scan"
          ref={input}
          data-testid="wave-scan"
          className="scan-input"
          autoComplete="off"
          spellCheck={false}
          inputMode="text"
          placeholder={current ? t('pick.scanHint', { sku: current.sku }) : t('pick.allPicked')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" disabled={!code.trim()}>
          {t('pick.scanSubmit')}
        </button>
      </form>
      <div aria-live="assertive" className="scan-feedback-slot">
        {feedback?.kind === 'ok' ? (
          <div className="scan-feedback ok" data-testid="scan-ok">
            {feedback.answer.sortTo.map((s) => (
              <span key={s.slot}>
                {t('pick.putIn', { slot: s.slot, number: s.orderNumber })}
                {s.quantity > 1 ? ` × ${s.quantity}` : ''}
              </span>
            ))}
            <span className="small">
              {feedback.answer.sku} · {feedback.answer.linePicked}/{feedback.answer.lineQuantity}
            </span>
          </div>
        ) : feedback?.kind === 'error' ? (
          <div className="scan-feedback error" role="alert" data-testid="scan-error">
            <strong>{t('pick.wrongItem', { code: feedback.code })}</strong>
            <span>{feedback.message}</span>
          </div>
        ) : null}
      </div>
      {confirming ? (
        <div className="banner info wave-confirm" role="dialog" aria-label={t('pick.confirmTitle')} data-testid="wave-confirm">
          <div>
            <strong>{t('pick.confirmTitle')}</strong>
            {shorts.length === 0 ? (
              <p>{t('pick.confirmAll')}</p>
            ) : (
              <ul data-testid="wave-shorts">
                {shorts.map((s) => (
                  <li key={s.sku}>{t('pick.short', { sku: s.sku, bin: s.bin ?? '—', missing: s.missing })}</li>
                ))}
              </ul>
            )}
          </div>
          <button
            type="button"
            className="primary"
            data-testid="wave-complete-confirm"
            disabled={busy}
            autoFocus
            onClick={() => void store.waveCompleted().then(() => setConfirming(false))}
          >
            {busy ? t('floor.working') : shorts.length ? t('pick.completeShort') : t('pick.complete')}
          </button>
          <button type="button" className="ghost" onClick={() => setConfirming(false)}>
            {t('floor.back')}
          </button>
        </div>
      ) : null}
      {actionError ? (
        <div className="banner error" role="alert" data-testid="pick-error">
          {actionError}
        </div>
      ) : null}
      <div className="wave-body">
        <table className="wave-lines">
          <thead>
            <tr>
              <th>{t('pick.col.bin')}</th>
              <th>{t('pick.col.sku')}</th>
              <th>{t('pick.col.product')}</th>
              <th className="num">{t('pick.col.qty')}</th>
              <th className="num">{t('pick.col.picked')}</th>
              <th>{t('pick.col.slots')}</th>
            </tr>
          </thead>
          <tbody>
            {walk.map((l) => (
              <tr
                key={l.seq}
                data-testid="wave-line"
                data-sku={l.sku}
                data-bin={l.bin ?? ''}
                className={l.picked >= l.quantity ? 'done' : l === current ? 'current' : undefined}
                aria-current={l === current ? 'step' : undefined}
              >
                <td className={l.bin ? 'bin' : 'bin none'}>{l.bin ?? t('pick.noBin')}</td>
                <td className="mono">{l.sku}</td>
                <td>{l.productName ?? ''}</td>
                <td className="num">{formatNumber(locale, l.quantity)}</td>
                <td className="num" data-testid="wave-line-picked">
                  {formatNumber(locale, l.picked)}
                </td>
                <td className="small">{l.orders.map((o) => `${o.slot}×${o.quantity}`).join('  ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul className="wave-slots" aria-label={t('pick.slots')}>
          {wave.orders.map((o) => (
            <li key={o.fulfilmentOrderId} className={o.picked >= o.units ? 'done' : undefined} data-testid="wave-slot">
              <span className="slot">{o.slot}</span> #{o.orderNumber} <span className="muted ellipsis">{o.customerName}</span>
              <span className="small">
                {o.picked}/{o.units}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
