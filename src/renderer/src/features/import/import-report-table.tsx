import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import type { ImportRow } from '../../../../shared';
import { useT } from '../../i18n/locale.store';
import { describeReasonCodes } from '../../i18n/reasons';

/** The report arrives filtered and paged by the engine: the table only lays it out. */
const reportFeatures = tableFeatures({});
const helper = createColumnHelper<typeof reportFeatures, ImportRow>();

function Head({ k }: { k: 'import.col.line' | 'import.col.order' | 'import.col.status' | 'import.col.column' | 'import.col.reason' }) {
  return <>{useT().t(k)}</>;
}

/** A failed row's reason in the desk's language (the engine's English where the catalogue does not know it). */
function Reason({ row }: { row: ImportRow }) {
  const { locale } = useT();
  return <>{row.reason ? describeReasonCodes(locale, row.reasonCodes, row.reason, ['import', 'intake']) : ''}</>;
}

function RowStatus({ status }: { status: ImportRow['status'] }) {
  return <span className={`import-badge import-${status}`}>{useT().t(`import.rowStatus.${status}`)}</span>;
}

const columns = helper.columns([
  helper.accessor('line', { id: 'line', header: () => <Head k="import.col.line" />, cell: (c) => c.getValue() }),
  helper.accessor('orderId', { id: 'order', header: () => <Head k="import.col.order" />, cell: (c) => c.getValue() ?? '—' }),
  helper.accessor('status', {
    id: 'status',
    header: () => <Head k="import.col.status" />,
    cell: (c) => <RowStatus status={c.getValue()} />,
  }),
  helper.accessor('column', {
    id: 'column',
    header: () => <Head k="import.col.column" />,
    cell: (c) => (c.getValue() ? <code>{c.getValue()}</code> : ''),
  }),
  helper.accessor('reason', { id: 'reason', header: () => <Head k="import.col.reason" />, cell: (c) => <Reason row={c.row.original} /> }),
]);

/** The row-by-row report of one import (TanStack Table). */
export function ImportReportTable({ rows }: { rows: ImportRow[] }) {
  const table = useTable({ features: reportFeatures, columns, data: rows, getRowId: (r) => String(r.line) });
  return (
    <table className="queue-table import-report" data-testid="import-report">
      <thead>
        {table.getHeaderGroups().map((g) => (
          <tr key={g.id}>
            {g.headers.map((h) => (
              <th key={h.id} className={`col-${h.column.id}`}>
                <table.FlexRender header={h} />
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-testid="import-row" data-line={row.original.line} data-status={row.original.status}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className={`col-${cell.column.id}`}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
