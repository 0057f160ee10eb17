import { createColumnHelper, rowPaginationFeature, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import type { QueueOrder } from '../../../../shared';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { formatNumber } from '../../i18n/format';
import type { MessageKey } from '../../i18n/i18n';
import { translateOr } from '../../i18n/i18n';
import { useT } from '../../i18n/locale.store';
import { PromisedCell, SlaCell } from './urgency-cells';
import { SelectPageCheckbox, SelectRowCheckbox } from './bulk-checkbox';

/** Sorting and paging state only: rows arrive already sorted and paged by the engine (manual mode). */
export const queueFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature });

const helper = createColumnHelper<typeof queueFeatures, QueueOrder>();

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
  return <>{formatNumber(locale, n)}</>;
}

/**
 * The queue's columns, the key ones first (number, status, deadline, time left: what stays in view
 * beside the order panel). Column ids are the engine's sort fields, so a header click maps straight
 * to `orders.list`'s `sort`; `urgency` sorts late first, then least time left.
 */
export const queueColumns = helper.columns([
  helper.display({ id: 'select', header: () => <SelectPageCheckbox />, cell: (c) => <SelectRowCheckbox order={c.row.original} /> }),
  helper.accessor('number', {
    id: 'number',
    header: () => <Msg k="col.number" />,
    cell: (c) => <span className="order-number">#{c.getValue()}</span>,
    sortDescFirst: true,
  }),
  helper.accessor('status', { id: 'status', header: () => <Msg k="col.status" />, cell: (c) => <StatusBadge status={c.getValue()} /> }),
  helper.accessor((o) => o.dueAt ?? null, {
    id: 'promised',
    header: () => <Msg k="col.promised" />,
    enableSorting: false,
    cell: (c) => <PromisedCell order={c.row.original} />,
  }),
  helper.accessor((o) => o.dueAt ?? null, {
    id: 'urgency',
    header: () => <Msg k="col.sla" />,
    cell: (c) => <SlaCell order={c.row.original} />,
  }),
  helper.accessor((o) => o.customer.name, {
    id: 'customer',
    header: () => <Msg k="col.customer" />,
    cell: (c) => <span className="ellipsis">{c.getValue()}</span>,
  }),
  helper.accessor('channel', { id: 'channel', header: () => <Msg k="col.channel" />, cell: (c) => <ChannelName channel={c.getValue()} /> }),
  helper.accessor('locationName', {
    id: 'location',
    header: () => <Msg k="col.location" />,
    cell: (c) => (c.getValue() ? <span className="ellipsis">{c.getValue()}</span> : <Unassigned />),
  }),
  helper.accessor('totalUnits', {
    id: 'totalUnits',
    header: () => <Msg k="col.units" />,
    cell: (c) => <Units n={c.getValue()} />,
    sortDescFirst: true,
  }),
  helper.accessor((o) => o.shipTo.city, {
    id: 'city',
    header: () => <Msg k="col.city" />,
    enableSorting: false,
    cell: (c) => <span className="ellipsis">{c.getValue()}</span>,
  }),
  helper.accessor('createdAt', {
    id: 'createdAt',
    header: () => <Msg k="col.age" />,
    cell: (c) => <RelativeTime iso={c.getValue()} />,
    sortDescFirst: false,
  }),
]);
