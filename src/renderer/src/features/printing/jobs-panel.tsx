import { useMemo } from 'react';
import type { PrintJob } from '../../../../shared';
import { RelativeTime } from '../../components/relative-time';
import { useT } from '../../i18n/locale.store';
import { PreviewDialog } from './preview-dialog';
import { jobActions, printerTone, selectStripPrinters, usePrintingStore } from './printing.store';
import { ReprintDialog } from './reprint-dialog';

/** This station's print jobs, newest first, with what a person can do to each: retry, cancel, reprint (with a reason), preview. */
export function JobsPanel() {
  const { t } = useT();
  const jobs = usePrintingStore((s) => s.jobs);
  const stations = usePrintingStore((s) => s.stations);
  const printers = useMemo(() => selectStripPrinters({ stations }), [stations]);
  const actionError = usePrintingStore((s) => s.actionError);
  const preview = usePrintingStore((s) => s.preview);
  const reprinting = usePrintingStore((s) => s.reprinting);
  const store = usePrintingStore.getState();
  return (
    <div className="modal-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && store.panelToggled(false)}>
      <section
        className="modal jobs-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="jobs-title"
        data-testid="jobs-panel"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !preview && !reprinting) {
            e.stopPropagation();
            store.panelToggled(false);
          }
        }}
      >
        <header className="jobs-head">
          <h3 id="jobs-title">{t('print.jobs.title')}</h3>
          <span className="topbar-spacer" />
          <button type="button" className="ghost" autoFocus onClick={() => store.panelToggled(false)}>
            {t('print.close')}
          </button>
        </header>
        <ul className="jobs-printers">
          {printers.map((p) => (
            <li key={p.id} className={`printer-chip tone-${printerTone(p.health.state)}`}>
              <span className="dot" aria-hidden="true" />
              <strong>{p.name}</strong> {t(`print.state.${p.health.state}`)}
              {p.health.detail ? <span className="muted small"> · {p.health.detail}</span> : null}
              <button type="button" className="ghost small" onClick={() => void store.printerChecked(p.id)}>
                {t('print.check')}
              </button>
            </li>
          ))}
        </ul>
        {actionError ? (
          <div className="banner error" role="alert" data-testid="print-action-error">
            {actionError}
          </div>
        ) : null}
        {jobs.length === 0 ? <p className="muted">{t('print.jobs.none')}</p> : null}
        <div className="jobs-scroll">
          <table className="jobs-table">
            <thead>
              <tr>
                <th>{t('print.col.document')}</th>
                <th>{t('print.col.printer')}</th>
                <th>{t('print.col.status')}</th>
                <th className="num">{t('print.col.attempts')}</th>
                <th>{t('print.col.when')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <JobRow key={j.id} job={j} />
              ))}
            </tbody>
          </table>
        </div>
        {preview ? <PreviewDialog /> : null}
        {reprinting ? <ReprintDialog jobId={reprinting} /> : null}
      </section>
    </div>
  );
}

function JobRow({ job }: { job: PrintJob }) {
  const { t } = useT();
  const busy = usePrintingStore((s) => !!s.busy[job.id]);
  const store = usePrintingStore.getState();
  const can = jobActions(job);
  return (
    <tr data-testid="print-job" data-job-id={job.id} data-status={job.status} data-doc-type={job.docType}>
      <td>
        <div>{job.title}</div>
        {job.reprintOf ? <div className="muted small">{t('print.reprintOf', { reason: job.reason ?? '' })}</div> : null}
        {job.lastError ? (
          <div className="job-error small" data-testid="print-job-error">
            {job.lastError}
          </div>
        ) : null}
      </td>
      <td>
        {job.printerName ?? <span className="muted">{t('print.noPrinter')}</span>}
        {job.routedFrom ? <div className="muted small">{t('print.fallbackFrom', { printer: job.routedFrom })}</div> : null}
      </td>
      <td>
        <span className={`job-status job-${job.status}`}>{t(`print.status.${job.status}`)}</span>
        {job.status === 'queued' && job.nextAttemptAt ? (
          <div className="muted small">
            {t('print.nextAttempt')} <RelativeTime iso={job.nextAttemptAt} />
          </div>
        ) : null}
      </td>
      <td className="num">{job.attempts}</td>
      <td className="small">
        <RelativeTime iso={job.createdAt} />
      </td>
      <td className="job-actions">
        <button type="button" className="ghost" data-testid="print-preview" onClick={() => void store.previewRequested(job.id)}>
          {t('print.preview')}
        </button>
        {can.retry ? (
          <button type="button" className="ghost" data-testid="print-retry" disabled={busy} onClick={() => void store.jobRetried(job.id)}>
            {t('print.retry')}
          </button>
        ) : null}
        {can.cancel ? (
          <button
            type="button"
            className="ghost danger"
            data-testid="print-cancel"
            disabled={busy}
            onClick={() => void store.jobCancelled(job.id)}
          >
            {t('print.cancel')}
          </button>
        ) : null}
        {can.reprint ? (
          <button type="button" className="ghost" data-testid="print-reprint" disabled={busy} onClick={() => store.reprintOpened(job.id)}>
            {t('print.reprint')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
