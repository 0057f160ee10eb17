import {
  FlexRender,
  functionalUpdate,
  useTable,
  type PaginationState,
  type Row,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import type { QueueOrder } from '../../../../shared';
import { memo, useMemo, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/locale.store';
import { useNow } from '../../lib/use-now';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { queueColumns, queueFeatures } from './order-columns';
import { fromSorting, toSorting } from './order-query';
import { selectIsFresh, selectRows, selectTotal, useOrdersStore } from './orders.store';
import { neighbourRow } from './queue-focus';
import { toggleRow } from './bulk-checkbox';

/**
 * Keys of the list (focus on a row): J/↓ and K/↑ move the focus, Enter opens the order in the
 * panel (focus moves into it; Escape there brings it back), N shows the held live changes,
 * X selects the focused row for a bulk action (Shift+X: every row from the last one toggled).
 */
function onListKey(e: KeyboardEvent<HTMLTableSectionElement>, open: (id: string) => void) {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const orders = useOrdersStore.getState();
  orders.engagementChanged(true);
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key === 'j' || key === 'ArrowDown' || key === 'k' || key === 'ArrowUp') {
    e.preventDefault();
    neighbourRow(document.activeElement, key === 'j' || key === 'ArrowDown' ? 1 : -1)?.focus();
  } else if (key === 'Enter' || key === ' ') {
    const id = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-testid=order-row]')?.dataset.orderId;
    if (id) {
      e.preventDefault();
      open(id);
    }
  } else if (key === 'x') {
    const id = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-testid=order-row]')?.dataset.orderId;
    const order = selectRows(orders).find((o) => o.id === id);
    if (order) {
      e.preventDefault();
      toggleRow(order, e.shiftKey);
    }
  } else if (key === 'n' && orders.held) {
    e.preventDefault();
    orders.heldChangesApplied();
  }
}

const SORT_ARROW = { asc: '▲', desc: '▼' } as const;

interface OrderRowProps {
  row: Row<typeof queueFeatures, QueueOrder>;
  selected: boolean;
  fresh: boolean;
  tabbable: boolean;
  onOpen(id: string): void;
  onFocusRow(id: string): void;
}

/**
 * One order's row, rendered again only when its order, its highlight, selection or tab stop
 * changes: at 200 live events a second the table hears of changes every frame, and re-rendering
 * every row and cell each time held the main thread. (Each cell follows the desk's language itself.)
 */
const OrderRow = memo(
  function OrderRow({ row, selected, fresh, tabbable, onOpen, onFocusRow }: OrderRowProps) {
    const o = row.original;
    return (
      <tr
        data-testid="order-row"
        data-order-id={o.id}
        data-order-number={o.number}
        data-status={o.status}
        className={`${selected ? 'selected' : ''}${fresh ? ' fresh' : ''}`}
        onClick={() => onOpen(o.id)}
        onFocus={() => onFocusRow(o.id)}
        tabIndex={tabbable ? 0 : -1}
        aria-selected={selected}
      >
        {row.getAllCells().map((cell) => (
          <td key={cell.id} className={`col-${cell.column.id}`}>
            <FlexRender cell={cell} />
          </td>
        ))}
      </tr>
    );
  },
  (a, b) =>
    a.row.original === b.row.original &&
    a.selected === b.selected &&
    a.fresh === b.fresh &&
    a.tabbable === b.tabbable &&
    a.onOpen === b.onOpen &&
    a.onFocusRow === b.onFocusRow,
);

/** The queue's table: TanStack Table in manual mode, its sort and page held by the orders store and answered by the engine. */
export function OrderTable() {
  const { t } = useT();
  const rows = useOrdersStore(selectRows);
  const total = useOrdersStore(selectTotal);
  const sort = useOrdersStore((s) => s.query.sort);
  const dir = useOrdersStore((s) => s.query.dir);
  const page = useOrdersStore((s) => s.query.page);
  const pageSize = useOrdersStore((s) => s.query.pageSize);
  const changedAt = useOrdersStore((s) => s.changedAt);
  const loading = useOrdersStore((s) => s.loading && !s.page);
  const selectedId = useOrderDetailStore((s) => s.selectedId);
  // Coarse is enough: the highlight is a one-shot CSS animation, the class only has to appear.
  const now = useNow(5000);

  const sorting = useMemo<SortingState>(() => toSorting({ sort, dir }), [sort, dir]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: page, pageSize }), [page, pageSize]);

  const table = useTable({
    features: queueFeatures,
    columns: queueColumns,
    data: rows,
    getRowId: (o) => o.id,
    state: { sorting, pagination },
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    enableSortingRemoval: false,
    enableMultiSort: false,
    onSortingChange: (u: Updater<SortingState>) => {
      const next = fromSorting(functionalUpdate(u, toSorting(useOrdersStore.getState().query)));
      if (next) useOrdersStore.getState().sortChanged(next.sort, next.dir);
    },
    onPaginationChange: (u: Updater<PaginationState>) => {
      const q = useOrdersStore.getState().query;
      const next = functionalUpdate(u, { pageIndex: q.page, pageSize: q.pageSize });
      if (next.pageSize !== q.pageSize) useOrdersStore.getState().pageSizeChanged(next.pageSize);
      else if (next.pageIndex !== q.page) useOrdersStore.getState().pageChanged(next.pageIndex);
    },
  });

  const open = useOrderDetailStore((s) => s.orderSelected);
  // One row is in the Tab order (roving focus): the one last focused, else the open order's, else the first.
  const [cursorId, setCursorId] = useState<string | null>(null);
  const tabbableId = [cursorId, selectedId].find((id) => id && rows.some((o) => o.id === id)) ?? rows[0]?.id;
  const { engagementChanged } = useOrdersStore.getState();

  return (
    <div className="table-scroll">
      <table className="queue-table" data-testid="order-table" aria-describedby="queue-keys">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th
                    key={header.id}
                    className={`col-${header.column.id}${canSort ? ' sortable' : ''}${sorted ? ' sorted' : ''}`}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    onClick={canSort ? header.column.getToggleSortingHandler() : undefined}
                    data-column={header.column.id}
                  >
                    <table.FlexRender header={header} />
                    {sorted ? <span className="sort-arrow">{SORT_ARROW[sorted]}</span> : null}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody
          onKeyDown={(e) => onListKey(e, open)}
          onPointerEnter={() => engagementChanged(true)}
          onPointerLeave={(e) => e.currentTarget.contains(document.activeElement) || engagementChanged(false)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null) && !e.currentTarget.matches(':hover')) engagementChanged(false);
          }}
        >
          {table.getRowModel().rows.map((row) => {
            const o = row.original;
            return (
              <OrderRow
                key={row.id}
                row={row}
                selected={o.id === selectedId}
                fresh={selectIsFresh({ changedAt }, o.id, now)}
                tabbable={o.id === tabbableId}
                onOpen={open}
                onFocusRow={setCursorId}
              />
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 ? <div className="table-empty">{loading ? t('queue.loading') : t('queue.empty')}</div> : null}
    </div>
  );
}
