import type { OrderDetail } from '../../../../shared';
import { formatDateTime, formatMoney } from '../../i18n/format';
import type { Locale, MessageKey } from '../../i18n/i18n';
import { describeReason } from '../../i18n/reasons';
import type { Translate } from '../../i18n/locale.store';

/** One row of the intake facts: a stable id (test id `intake-<id>`), its label key and the text shown. */
export interface IntakeFact {
  id: string;
  label: MessageKey;
  value: string;
}

/**
 * What intake stored beside the header, as rows for the detail panel. A field the channel did not
 * send is left out rather than shown empty, except delivery and payment, which always have a value.
 */
export function intakeFacts(d: OrderDetail, t: Translate, locale: Locale): IntakeFact[] {
  const i = d.intake;
  const money = (n: number) => formatMoney(locale, n, d.currency);
  const rows: (IntakeFact | null)[] = [
    i.channelName ? { id: 'channel-account', label: 'intake.channelAccount', value: i.channelName } : null,
    i.externalNumber ? { id: 'channel-number', label: 'intake.channelNumber', value: i.externalNumber } : null,
    {
      id: 'delivery',
      label: 'intake.delivery',
      value:
        i.deliveryType === 'store_pickup'
          ? t('intake.delivery.store_pickup', { store: i.pickupLocationName ?? i.pickupLocationId ?? '?' })
          : t('intake.delivery.home_delivery'),
    },
    { id: 'payment', label: 'intake.payment', value: t(`intake.payment.${i.paymentStatus}`) },
    i.promisedAt ? { id: 'promised', label: 'intake.promised', value: formatDateTime(locale, i.promisedAt) } : null,
    i.shippingMethod || i.shippingAmount !== null
      ? {
          id: 'shipping',
          label: 'intake.shipping',
          value: [i.shippingMethod, i.shippingAmount !== null ? money(i.shippingAmount) : null].filter(Boolean).join(' · '),
        }
      : null,
    i.taxTotal !== null ? { id: 'taxes', label: 'intake.taxes', value: money(i.taxTotal) } : null,
    i.discountTotal !== null ? { id: 'discounts', label: 'intake.discounts', value: `−${money(i.discountTotal)}` } : null,
    i.tags.length ? { id: 'tags', label: 'intake.tags', value: i.tags.join(', ') } : null,
    i.billTo
      ? {
          id: 'bill-to',
          label: 'intake.billTo',
          value: [i.billTo.line1, i.billTo.postalCode, i.billTo.city, i.billTo.region, i.billTo.country].filter(Boolean).join(', '),
        }
      : null,
    i.geocodeSource ? { id: 'geocode', label: 'intake.geocode', value: describeReason(locale, i.geocodeSource, ['geo']) } : null,
  ];
  return rows.filter((r): r is IntakeFact => r !== null);
}
