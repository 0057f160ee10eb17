import { functionalUpdate, useTable, type PaginationState, type SortingState, type Updater } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '../../i18n/locale.store';
import { useNow } from '../../lib/use-now';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { queueColumns, queueFeatures } from './order-columns';
import { fromSorting, toSorting } from './order-query';
import { selectIsFresh, selectRows, selectTotal, useOrdersStore } from './orders.store';

const SORT_ARROW = { asc: '▲', desc: '▼' } as const;

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

  return (
    <div className="table-scroll">
      <table className="queue-table" data-testid="order-table">
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
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const o = row.original;
            const isFresh = selectIsFresh({ changedAt }, o.id, now);
            return (
              <tr
                key={row.id}
                data-testid="order-row"
                data-order-id={o.id}
                data-order-number={o.number}
                data-status={o.status}
                className={`${o.id === selectedId ? 'selected' : ''}${isFresh ? ' fresh' : ''}`}
                onClick={() => open(o.id)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), open(o.id))}
                tabIndex={0}
                aria-selected={o.id === selectedId}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={`col-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 ? <div className="table-empty">{loading ? t('queue.loading') : t('queue.empty')}</div> : null}
    </div>
  );
}
