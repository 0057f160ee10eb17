import { useState } from 'react';
import { useT } from '../../i18n/locale.store';
import { usePrintingStore } from './printing.store';

/** The engine's shortest reason (printing.reprint): a word or two, said here before it is sent. */
export const MIN_REASON = 3;

/** A reprint asks why (required, audited): "label torn", "printer jammed". */
export function ReprintDialog({ jobId }: { jobId: string }) {
  const { t } = useT();
  const job = usePrintingStore((s) => s.jobs.find((j) => j.id === jobId));
  const busy = usePrintingStore((s) => !!s.busy[jobId]);
  const error = usePrintingStore((s) => s.actionError);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const store = usePrintingStore.getState();
  const close = () => store.reprintOpened(null);
  return (
    <div className="modal-backdrop nested" role="presentation" onClick={(e) => e.target === e.currentTarget && !busy && close()}>
      <form
        className="modal session-form"
        role="dialog"
        aria-modal="true"
        aria-labelledby="reprint-title"
        data-testid="reprint-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !busy) {
            e.stopPropagation();
            close();
          }
        }}
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < MIN_REASON) return setLocal(t('print.reprint.reasonRequired'));
          setLocal(null);
          void store.reprintSubmitted(jobId, reason);
        }}
      >
        <h3 id="reprint-title">{t('print.reprint.title', { title: job?.title ?? '' })}</h3>
        <label htmlFor="reprint-reason">{t('print.reprint.reason')}</label>
        <input
          id="reprint-reason"
          data-testid="reprint-reason"
          autoFocus
          maxLength={300}
          required
          placeholder={t('print.reprint.placeholder')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {local || error ? (
          <div className="banner error" role="alert" data-testid="reprint-error">
            {local ?? error}
          </div>
        ) : null}
        <div className="action-row">
          <button type="submit" className="primary" data-testid="reprint-confirm" disabled={busy}>
            {busy ? t('floor.working') : t('print.reprint')}
          </button>
          <button type="button" className="ghost" disabled={busy} onClick={close}>
            {t('floor.back')}
          </button>
        </div>
      </form>
    </div>
  );
}
