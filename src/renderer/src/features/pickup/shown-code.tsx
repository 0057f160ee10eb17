import type { Pickup, PrintJob } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { usePickupStore } from './pickup.store';

/** The QR as an image: an SVG drawn by the engine, shown through <img> (which runs nothing in it). */
const qrSrc = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/**
 * A pickup just made ready (or given a new code): its code, big, and its QR, shown this once for the
 * customer — the counter list never shows the code again.
 */
export function ShownCode({ pickup, printJob }: { pickup: Pickup; printJob: PrintJob | null }) {
  const { t } = useT();
  return (
    <div className="banner info shown-code" role="status" data-testid="pickup-shown" data-order-id={pickup.orderId}>
      <div>
        <div className="small">{t('pickup.shown.title', { number: pickup.orderNumber, name: pickup.customerName })}</div>
        <div className="pickup-code-big" data-testid="pickup-shown-code">
          {pickup.code ?? '—'}
        </div>
        <div className="small">{t('pickup.shown.once')}</div>
        {printJob ? (
          <div className="small muted">{t('pickup.shown.label', { printer: printJob.printerName ?? t('print.noPrinter') })}</div>
        ) : null}
      </div>
      {pickup.qrSvg ? <img className="pickup-qr" src={qrSrc(pickup.qrSvg)} alt={t('pickup.shown.qr')} data-testid="pickup-qr" /> : null}
      <button type="button" className="primary" autoFocus onClick={() => usePickupStore.getState().shownDismissed()}>
        {t('pickup.shown.done')}
      </button>
    </div>
  );
}
