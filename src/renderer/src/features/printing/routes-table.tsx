import { DOC_TYPES, type DocType, type Station } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { usePrintersAdminStore, type RouteDraft } from './printers-admin.store';

/** Where each document prints at a station: a printer, a fallback, and strict (wait for the printer instead of falling back). */
export function RoutesTable({ station }: { station: Station }) {
  const { t } = useT();
  const busy = usePrintersAdminStore((s) => s.busy);
  const store = usePrintersAdminStore.getState();
  const routeOf = (doc: DocType): RouteDraft => {
    const r = station.routes.find((x) => x.docType === doc);
    return { printerId: r?.printerId ?? null, fallbackPrinterId: r?.fallbackPrinterId ?? null, strict: r?.strict ?? false };
  };
  const save = (doc: DocType, patch: Partial<RouteDraft>) => void store.routeSet(station.id, doc, { ...routeOf(doc), ...patch });
  const options = station.printers.map((p) => (
    <option key={p.id} value={p.id}>
      {p.name} ({p.language.toUpperCase()})
    </option>
  ));
  return (
    <table className="routes-table" data-testid="routes">
      <thead>
        <tr>
          <th>{t('printers.routes.document')}</th>
          <th>{t('printers.routes.printer')}</th>
          <th>{t('printers.routes.fallback')}</th>
          <th>{t('printers.routes.strict')}</th>
        </tr>
      </thead>
      <tbody>
        {DOC_TYPES.map((doc) => {
          const r = routeOf(doc);
          return (
            <tr key={doc} data-testid="route" data-doc-type={doc}>
              <td>{t(`print.doc.${doc}`)}</td>
              <td>
                <select
                  aria-label={t('printers.routes.printerFor', { doc: t(`print.doc.${doc}`) })}
                  data-testid="route-printer"
                  disabled={busy}
                  value={r.printerId ?? ''}
                  onChange={(e) => save(doc, { printerId: e.target.value || null })}
                >
                  <option value="">{t('printers.routes.none')}</option>
                  {options}
                </select>
              </td>
              <td>
                <select
                  aria-label={t('printers.routes.fallbackFor', { doc: t(`print.doc.${doc}`) })}
                  data-testid="route-fallback"
                  disabled={busy || !r.printerId}
                  value={r.fallbackPrinterId ?? ''}
                  onChange={(e) => save(doc, { fallbackPrinterId: e.target.value || null })}
                >
                  <option value="">{t('printers.routes.noFallback')}</option>
                  {options}
                </select>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('printers.routes.strictFor', { doc: t(`print.doc.${doc}`) })}
                  data-testid="route-strict"
                  disabled={busy || !r.printerId}
                  checked={r.strict}
                  onChange={(e) => save(doc, { strict: e.target.checked })}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
