import { useEffect } from 'react';
import type { Station } from '../../../../shared';
import { useLiveEvents } from '../../api/live-hub';
import { RelativeTime } from '../../components/relative-time';
import { useT } from '../../i18n/locale.store';
import '../intake.css';
import { PrinterForm } from './printer-form';
import { draftOf, newPrinterDraft, usePrintersAdminStore } from './printers-admin.store';
import { printerTone } from './printing.store';
import { RoutesTable } from './routes-table';
import './printing.css';
import { ReloadBanner } from '../../components/reload-banner';

/** The Printers view (admins, supervisors): each station's printers — add, edit, check, remove — and where each document prints. */
export function PrintersView() {
  const { t } = useT();
  const stations = usePrintersAdminStore((s) => s.stations);
  const loading = usePrintersAdminStore((s) => s.loading);
  const error = usePrintersAdminStore((s) => s.error);
  const actionError = usePrintersAdminStore((s) => s.actionError);
  const form = usePrintersAdminStore((s) => s.form);
  useEffect(() => void usePrintersAdminStore.getState().refreshRequested(), []);
  useLiveEvents((e) => usePrintersAdminStore.getState().liveEventReceived(e));
  return (
    <main className="panel printers-view" data-testid="printers-view" aria-label={t('printers.title')}>
      <div className="panel-head">
        <h2>{t('printers.title')}</h2>
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        <span className="muted small">{t('printers.hint')}</span>
      </div>
      <ReloadBanner
        message={error ? t('printers.error', { message: error }) : null}
        onReload={() => void usePrintersAdminStore.getState().refreshRequested()}
      />
      {actionError ? (
        <div className="banner error" role="alert" data-testid="printers-action-error">
          {actionError}
        </div>
      ) : null}
      <div className="printers-scroll">
        {form ? <PrinterForm draft={form} stations={stations} /> : null}
        {stations.map((st) => (
          <StationSection key={st.id} station={st} />
        ))}
      </div>
    </main>
  );
}

function StationSection({ station }: { station: Station }) {
  const { t } = useT();
  const busy = usePrintersAdminStore((s) => s.busy);
  const store = usePrintersAdminStore.getState();
  return (
    <section className="station" data-testid="station" data-station-id={station.id}>
      <header className="station-head">
        <h3>
          {station.name} <span className="mono muted">{station.id}</span>
        </h3>
        {station.current ? <span className="badge">{t('printers.thisStation')}</span> : null}
        {station.lastSeenAt ? (
          <span className="muted small">
            {t('printers.lastSeen')} <RelativeTime iso={station.lastSeenAt} />
          </span>
        ) : null}
        <span className="topbar-spacer" />
        <button type="button" className="primary" data-testid="printer-add" onClick={() => store.formOpened(newPrinterDraft(station.id))}>
          {t('printers.add')}
        </button>
      </header>
      {station.printers.length === 0 ? <p className="muted small">{t('printers.none')}</p> : null}
      <table className="printers-table">
        <tbody>
          {station.printers.map((p) => (
            <tr key={p.id} data-testid="printer-row" data-printer-id={p.id} className={p.active ? undefined : 'inactive'}>
              <td>
                <strong>{p.name}</strong>
                {p.active ? null : <span className="muted small"> · {t('printers.inactive')}</span>}
              </td>
              <td className="small">{t(`printers.transport.${p.transport}`)}</td>
              <td className="mono small ellipsis-cell" title={p.address}>
                {p.address}
              </td>
              <td className="small">
                {p.language.toUpperCase()}
                {p.dpi ? ` · ${p.dpi} dpi` : ''} · {p.paper}
              </td>
              <td>
                <span
                  className={`printer-chip tone-${printerTone(p.health.state)}`}
                  data-testid="printer-state"
                  data-state={p.health.state}
                >
                  <span className="dot" aria-hidden="true" />
                  {t(`print.state.${p.health.state}`)}
                </span>
                {p.health.detail ? <div className="muted small">{p.health.detail}</div> : null}
              </td>
              <td className="job-actions">
                <button
                  type="button"
                  className="ghost"
                  data-testid="printer-check"
                  disabled={busy}
                  onClick={() => void store.printerChecked(p.id)}
                >
                  {t('print.check')}
                </button>
                <button
                  type="button"
                  className="ghost"
                  data-testid="printer-edit"
                  disabled={busy}
                  onClick={() => store.formOpened(draftOf(p))}
                >
                  {t('printers.edit')}
                </button>
                <button
                  type="button"
                  className="ghost danger"
                  data-testid="printer-remove"
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(t('printers.removeConfirm', { name: p.name }))) void store.printerRemoved(p.id);
                  }}
                >
                  {t('printers.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <RoutesTable station={station} />
    </section>
  );
}
