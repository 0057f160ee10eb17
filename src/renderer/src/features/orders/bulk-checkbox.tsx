import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { QueueOrder } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { selectableRows, useBulkStore } from './bulk-selection.store';
import { selectRows, useOrdersStore } from './orders.store';

/** Clicks on a checkbox select; they never open the order as a click on its row does. */
const stop = (e: MouseEvent) => e.stopPropagation();

/** The header checkbox: every order on this page (indeterminate when some are). */
export function SelectPageCheckbox() {
  const { t } = useT();
  const rows = useOrdersStore(selectRows);
  const page = useMemo(() => selectableRows(rows), [rows]);
  const checkedCount = useBulkStore((s) => page.filter((r) => s.selected[r.id]).length);
  const ref = useRef<HTMLInputElement>(null);
  const all = page.length > 0 && checkedCount === page.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = checkedCount > 0 && !all;
  }, [checkedCount, all]);
  return (
    <label className="bulk-check" onClick={stop}>
      <input
        ref={ref}
        type="checkbox"
        data-testid="bulk-select-page"
        aria-label={t('bulk.select.page')}
        checked={all}
        disabled={page.length === 0}
        onChange={() => useBulkStore.getState().pageToggled(page)}
      />
    </label>
  );
}

/**
 * Toggles an order's selection; shift extends it from the last row toggled over the page. Out of
 * the Tab order: the row has the focus and `x` toggles it (see order-table.tsx).
 */
export function toggleRow(order: Pick<QueueOrder, 'id' | 'number' | 'status'>, shift: boolean) {
  const rows = selectableRows(selectRows(useOrdersStore.getState()));
  useBulkStore.getState().rowToggled({ id: order.id, number: order.number, status: order.status }, { shift, rows });
}

/** A row's checkbox. */
export function SelectRowCheckbox({ order }: { order: QueueOrder }) {
  const { t } = useT();
  const checked = useBulkStore((s) => !!s.selected[order.id]);
  return (
    <label className="bulk-check" onClick={stop}>
      <input
        type="checkbox"
        tabIndex={-1}
        data-testid="bulk-select-row"
        aria-label={t('bulk.select.row', { number: order.number })}
        checked={checked}
        onChange={() => undefined}
        onClick={(e) => {
          toggleRow(order, e.shiftKey);
          // The row keeps the keyboard focus, so J/K and x go on from here.
          e.currentTarget.closest<HTMLElement>('[data-testid=order-row]')?.focus();
        }}
      />
    </label>
  );
}
