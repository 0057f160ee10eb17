import { useEffect, useRef, useState, type DragEvent } from 'react';
import './import.css';
import { IMPORT_ROW_STATUSES, type ImportSummary } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { Chip } from '../../components/chip';
import { RelativeTime } from '../../components/relative-time';
import { formatNumber, formatPercent } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { ImportReportTable } from './import-report-table';
import { selectSelected, useImportStore } from './import.store';

function ProgressBar({ s }: { s: ImportSummary }) {
  const { t, locale } = useT();
  const pct = Math.round(s.progress * 100);
  return (
    <div className="import-progress-wrap">
      <div
        className={`import-progress import-progress-${s.status}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        data-testid="import-progress"
        data-status={s.status}
      >
        <div className="import-progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="import-progress-text">
        <strong data-testid="import-status">{t(`import.status.${s.status}`)}</strong> {formatPercent(locale, pct / 100)} ·{' '}
        <span data-testid="import-counts">
          {t('import.counts', {
            rows: formatNumber(locale, s.rowsRead),
            imported: formatNumber(locale, s.imported),
            duplicates: formatNumber(locale, s.duplicates),
            failed: formatNumber(locale, s.failed),
          })}
        </span>
      </div>
      {s.error ? (
        <div className="import-error" role="alert" data-testid="import-file-error">
          {s.error}
        </div>
      ) : null}
    </div>
  );
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The Import view: send a CSV/XLSX to the engine, watch it run, read its report, fix the failed rows. */
export function ImportView() {
  const { t, locale } = useT();
  const s = useImportStore();
  const selected = useImportStore(selectSelected);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  useEffect(() => {
    void useImportStore.getState().historyRequested();
  }, []);
  useLiveEvents((e) => useImportStore.getState().liveEventReceived(e));

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void s.fileChosen(f);
  };
  const err = s.error;

  return (
    <main className="import-view" data-testid="import-view">
      <section className="import-main">
        <h2>{t('import.title')}</h2>
        <div
          className={`import-drop${over ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid="import-drop"
        >
          {t('import.drop')}{' '}
          <button type="button" className="link-button" onClick={() => input.current?.click()}>
            {t('import.choose')}
          </button>
          <input
            ref={input}
            type="file"
            accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            hidden
            data-testid="import-file-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void s.fileChosen(f);
              e.target.value = '';
            }}
          />
          <p className="muted import-layout">{t('import.layout')}</p>
        </div>
        {s.uploading ? <div className="muted">{t('import.uploading', { name: s.uploading })}</div> : null}
        {err ? (
          <div className="import-error" role="alert" data-testid="import-error">
            {typeof err === 'string'
              ? err
              : t('import.tooBig', {
                  name: err.name,
                  size: formatNumber(locale, err.sizeMb, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
                  max: formatNumber(locale, err.maxMb),
                })}
          </div>
        ) : null}
        {selected ? (
          <div className="import-selected" data-testid="import-selected" data-import-id={selected.id}>
            <h3>{selected.fileName}</h3>
            <ProgressBar s={selected} />
            <div className="import-toolbar">
              <div className="chips" role="group">
                <Chip active={s.filter === null} onClick={() => s.filterChanged(null)}>
                  {t('import.filter.all')}
                </Chip>
                {IMPORT_ROW_STATUSES.map((st) => (
                  <Chip key={st} active={s.filter === st} testId={`import-filter-${st}`} onClick={() => s.filterChanged(st)}>
                    {t(`import.rowStatus.${st}`)}
                  </Chip>
                ))}
              </div>
              <button
                type="button"
                data-testid="import-download-failed"
                disabled={selected.failed === 0}
                onClick={async () => {
                  const f = await s.failedRowsRequested();
                  if (f) download(f.fileName, f.csv);
                }}
              >
                {t('import.downloadFailed')}
              </button>
            </div>
            <div className="table-scroll">
              <ImportReportTable rows={s.rows} />
              {s.rows.length === 0 ? <div className="table-empty">{t('import.noRows')}</div> : null}
              {s.totalRows > s.rows.length ? (
                <div className="muted">{t('import.moreRows', { shown: s.rows.length, total: s.totalRows })}</div>
              ) : null}
            </div>
          </div>
        ) : null}
      </section>
      <aside className="import-history">
        <h3>{t('import.history')}</h3>
        {s.history.length === 0 ? <div className="muted">{t('import.history.empty')}</div> : null}
        <ul>
          {s.history.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className={h.id === s.selectedId ? 'on' : ''}
                data-testid="import-history-item"
                data-import-id={h.id}
                onClick={() => void s.importSelected(h.id)}
              >
                <span className="ellipsis">{h.fileName}</span>
                <span className={`import-badge import-st-${h.status}`}>{t(`import.status.${h.status}`)}</span>
                <span className="muted">
                  {t(`import.source.${h.source}`)} · {h.createdBy} · <RelativeTime iso={h.createdAt} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
    </main>
  );
}
