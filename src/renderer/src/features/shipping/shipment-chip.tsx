import type { ShipmentStatus } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { shipmentTone } from './shipment-view';

/** A shipment status as a coloured chip; the raw status rides along in `data-status` for tests and styling. */
export function ShipmentChip({ status, testId = 'shipment-status' }: { status: ShipmentStatus; testId?: string }) {
  const { t } = useT();
  return (
    <span className={`ship-chip tone-${shipmentTone(status)}`} data-status={status} data-testid={testId}>
      {t(`shipping.status.${status}`)}
    </span>
  );
}
