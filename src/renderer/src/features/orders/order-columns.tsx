import { createColumnHelper, rowPaginationFeature, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import type { Order } from '../../../../shared';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import type { MessageKey } from '../../i18n/i18n';
import { translateOr } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';

/** Sorting and paging state only: rows arrive already sorted and paged by the engine (manual mode). */
export const queueFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature });

const helper = createColumnHelper<typeof queueFeatures, Order>();

function Msg({ k }: { k: MessageKey }) {
  return <>{useT().t(k)}</>;
}

function ChannelName({ channel }: { channel: string }) {
  const { locale } = useT();
  return <>{translateOr(locale, `channel.${channel}`, channel)}</>;
}

function Unassigned() {
  return <span className="muted">{useT().t('col.unassigned')}</span>;
}

function Units({ n }: { n: number }) {
  const { locale } = useT();
  return <>{n.toLocaleString(locale === 'es' ? 'es-AR' : 'en-GB')}</>;
}

/**
 * The queue's columns. Column ids are the engine's sort fields, so a header click maps straight
 * to `orders.list`'s `sort`; the city column cannot be sorted server-side and says so.
 */
export const queueColumns = helper.columns([
  helper.accessor('number', {
    id: 'number',
    header: () => <Msg k="col.number" />,
    cell: (c) => <span className="order-number">#{c.getValue()}</span>,
    sortDescFirst: true,
  }),
  helper.accessor('status', { id: 'status', header: () => <Msg k="col.status" />, cell: (c) => <StatusBadge status={c.getValue()} /> }),
  helper.accessor('channel', { id: 'channel', header: () => <Msg k="col.channel" />, cell: (c) => <ChannelName channel={c.getValue()} /> }),
  helper.accessor((o) => o.customer.name, {
    id: 'customer',
    header: () => <Msg k="col.customer" />,
    cell: (c) => <span className="ellipsis">{c.getValue()}</span>,
  }),
  helper.accessor((o) => o.shipTo.city, {
    id: 'city',
    header: () => <Msg k="col.city" />,
    enableSorting: false,
    cell: (c) => <span className="ellipsis">{c.getValue()}</span>,
  }),
  helper.accessor('totalUnits', {
    id: 'totalUnits',
    header: () => <Msg k="col.units" />,
    cell: (c) => <Units n={c.getValue()} />,
    sortDescFirst: true,
  }),
  helper.accessor('locationName', {
    id: 'location',
    header: () => <Msg k="col.location" />,
    cell: (c) => (c.getValue() ? <span className="ellipsis">{c.getValue()}</span> : <Unassigned />),
  }),
  helper.accessor('createdAt', {
    id: 'createdAt',
    header: () => <Msg k="col.createdAt" />,
    cell: (c) => <RelativeTime iso={c.getValue()} />,
    sortDescFirst: true,
  }),
]);
