import type { OrderStatus } from '../../../shared';
import { useT } from '../i18n/locale.store';

/** An order status as a coloured badge; the raw status rides along in `data-status` for tests and styling. */
export function StatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  const { t } = useT();
  return (
    <span className={`badge status-${status}`} data-status={status} data-testid={testId}>
      {t(`status.${status}`)}
    </span>
  );
}
