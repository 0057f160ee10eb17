import { useState } from 'react';
import { PAPER_SIZES, PRINTER_LANGUAGES, TRANSPORTS, type Station } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { ADDRESS_EXAMPLES, usePrintersAdminStore, withLanguage, type PrinterDraft } from './printers-admin.store';

/** Adding or editing a printer: name, station, how it is reached, what it speaks, its resolution and paper. */
export function PrinterForm({ draft: initial, stations }: { draft: PrinterDraft; stations: Station[] }) {
  const { t } = useT();
  const busy = usePrintersAdminStore((s) => s.busy);
  const formError = usePrintersAdminStore((s) => s.formError);
  const [d, setD] = useState<PrinterDraft>(initial);
  const store = usePrintersAdminStore.getState();
  const set = (patch: Partial<PrinterDraft>) => setD({ ...d, ...patch });
  return (
    <form
      className="channel-form printer-form"
      data-testid="printer-form"
      onKeyDown={(e) => e.key === 'Escape' && !busy && store.formClosed()}
      onSubmit={(e) => {
        e.preventDefault();
        void store.printerSaved(d);
      }}
    >
      <h3>{d.id ? t('printers.form.edit', { name: initial.name }) : t('printers.form.add')}</h3>
      <div className="form-grid">
        <label htmlFor="printer-name">{t('printers.form.name')}</label>
        <input
          id="printer-name"
          data-testid="printer-name"
          required
          maxLength={80}
          autoFocus
          value={d.name}
          onChange={(e) => set({ name: e.target.value })}
        />
        <label htmlFor="printer-station">{t('printers.form.station')}</label>
        <select id="printer-station" data-testid="printer-station" value={d.stationId} onChange={(e) => set({ stationId: e.target.value })}>
          {stations.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <label htmlFor="printer-transport">{t('printers.form.transport')}</label>
        <select
          id="printer-transport"
          data-testid="printer-transport"
          value={d.transport}
          onChange={(e) => set({ transport: e.target.value as PrinterDraft['transport'] })}
        >
          {TRANSPORTS.map((x) => (
            <option key={x} value={x}>
              {t(`printers.transport.${x}`)}
            </option>
          ))}
        </select>
        <label htmlFor="printer-address">{t('printers.form.address')}</label>
        <input
          id="printer-address"
          data-testid="printer-address"
          className="mono"
          required
          maxLength={500}
          placeholder={ADDRESS_EXAMPLES[d.transport]}
          value={d.address}
          onChange={(e) => set({ address: e.target.value })}
        />
        <label htmlFor="printer-language">{t('printers.form.language')}</label>
        <select
          id="printer-language"
          data-testid="printer-language"
          value={d.language}
          onChange={(e) => setD(withLanguage(d, e.target.value as PrinterDraft['language']))}
        >
          {PRINTER_LANGUAGES.map((x) => (
            <option key={x} value={x}>
              {t(`printers.language.${x}`)}
            </option>
          ))}
        </select>
        {d.language === 'zpl' ? (
          <>
            <label htmlFor="printer-dpi">{t('printers.form.dpi')}</label>
            <select
              id="printer-dpi"
              data-testid="printer-dpi"
              value={d.dpi ?? 203}
              onChange={(e) => set({ dpi: Number(e.target.value) === 300 ? 300 : 203 })}
            >
              <option value={203}>203 dpi</option>
              <option value={300}>300 dpi</option>
            </select>
          </>
        ) : null}
        <label htmlFor="printer-paper">{t('printers.form.paper')}</label>
        <select
          id="printer-paper"
          data-testid="printer-paper"
          value={d.paper}
          onChange={(e) => set({ paper: e.target.value as PrinterDraft['paper'] })}
        >
          {PAPER_SIZES.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
        <label htmlFor="printer-active">{t('printers.form.active')}</label>
        <input id="printer-active" type="checkbox" checked={d.active} onChange={(e) => set({ active: e.target.checked })} />
      </div>
      {formError ? (
        <div className="banner error" role="alert" data-testid="printer-form-error">
          {formError}
        </div>
      ) : null}
      <div className="action-row">
        <button type="submit" className="primary" data-testid="printer-save" disabled={busy}>
          {busy ? t('floor.working') : t('printers.form.save')}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={() => store.formClosed()}>
          {t('floor.back')}
        </button>
      </div>
    </form>
  );
}
