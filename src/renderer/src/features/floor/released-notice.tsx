import type { PrintJob } from '../../../../shared';
import { useT } from '../../i18n/locale.store';

/** A wave just released: and where its pick list went (the printer), or that none printed. */
export function ReleasedNotice({ code, job }: { code: string; job: PrintJob | null }) {
  const { t } = useT();
  return (
    <div className="banner info" role="status" data-testid="pick-released">
      {!job
        ? t('pick.released.noPrint', { code })
        : job.printerName
          ? t('pick.released.printing', { code, printer: job.printerName })
          : t('pick.released.noPrinter', { code })}
    </div>
  );
}
