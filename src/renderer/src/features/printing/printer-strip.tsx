import { useEffect, useMemo } from 'react';
import { useLiveEvents } from '../../api/live-hub';
import { useT } from '../../i18n/locale.store';
import { JobsPanel } from './jobs-panel';
import { printerTone, selectJobCounts, selectStripPrinters, usePrintingStore } from './printing.store';
import './printing.css';

/**
 * This station's printers as chips with their health, and how many jobs wait or failed; a click
 * opens the jobs panel. Live with the engine's print and printer events. `compact` is the view bar's
 * version: nothing at all when the station has no printers or the engine cannot say. Only one strip
 * is on screen at a time (the bar leaves it out where a view shows its own), so one panel opens.
 */
export function PrinterStrip({ compact = false }: { compact?: boolean }) {
  const { t } = useT();
  // Derived here from the store's own arrays: a selector returning a fresh array would re-render forever.
  const stations = usePrintingStore((s) => s.stations);
  const jobs = usePrintingStore((s) => s.jobs);
  const printers = useMemo(() => selectStripPrinters({ stations }), [stations]);
  const counts = useMemo(() => selectJobCounts({ jobs }), [jobs]);
  const loaded = usePrintingStore((s) => s.loaded);
  const error = usePrintingStore((s) => s.error);
  const open = usePrintingStore((s) => s.panelOpen);
  useEffect(() => {
    if (!usePrintingStore.getState().loaded) void usePrintingStore.getState().refreshRequested();
  }, []);
  useLiveEvents((e) => usePrintingStore.getState().liveEventReceived(e));
  if (compact && (error || printers.length === 0)) return null;
  const toggle = () => usePrintingStore.getState().panelToggled();
  return (
    <div className={compact ? 'printer-strip compact' : 'printer-strip'} data-testid={compact ? 'printer-strip-compact' : 'printer-strip'}>
      <button
        type="button"
        className="printer-strip-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        title={t('print.strip.open')}
        data-testid={compact ? undefined : 'printer-strip-open'}
        onClick={toggle}
      >
        {!loaded ? <span className="muted small">{t('print.strip.loading')}</span> : null}
        {loaded && error && !compact ? <span className="muted small">{t('print.strip.unavailable')}</span> : null}
        {loaded && !error && printers.length === 0 && !compact ? <span className="muted small">{t('print.strip.none')}</span> : null}
        {printers.map((p) => (
          <span
            key={p.id}
            className={`printer-chip tone-${printerTone(p.health.state)}`}
            data-testid="printer-chip"
            data-printer-id={p.id}
            data-state={p.health.state}
            title={p.health.detail ?? undefined}
          >
            <span className="dot" aria-hidden="true" />
            {p.name} · {t(`print.state.${p.health.state}`)}
          </span>
        ))}
        {loaded && !error ? (
          <>
            <span
              className={counts.waiting ? 'job-count waiting' : 'job-count muted'}
              data-testid="print-queued-count"
              data-n={counts.waiting}
            >
              {t('print.strip.queued', { n: counts.waiting })}
            </span>
            <span
              className={counts.failed ? 'job-count failed' : 'job-count muted'}
              data-testid="print-failed-count"
              data-n={counts.failed}
            >
              {t('print.strip.failed', { n: counts.failed })}
            </span>
          </>
        ) : null}
      </button>
      {open ? <JobsPanel /> : null}
    </div>
  );
}
