import { AppError, type ImportSummary } from '../../../../shared';
import type { Actor } from '../../../../shared';
import { fileRows, type RawRow } from '../rows/file-rows';
import { resolveHeader } from '../rows/import-columns';
import {
  buildDraft,
  groupOrders,
  isBlankRow,
  locateIssue,
  toFileRow,
  type FileRow,
  type OrderGroup,
  type RowProblem,
} from '../rows/order-rows';
import { claimImport, finishImport, readImportContent, recordRows, reportedLines, type RowOutcome } from '../import.store';
import type { WorkflowDeps } from '../../../kernel/context';
import { intakeOrder } from '../../orders/intake-order';
import { normaliseDraft } from '../../channels/normalise-draft';

export const IMPORT_FILE_JOB = 'import-file';

/** Rows reported per statement: progress is announced at this pace. */
const BATCH_ROWS = 200;
const BATCH_MS = 400;
/** Orders taken in at once: intake is one round trip each, so a few in flight hide the latency. */
const PARALLEL_ORDERS = 8;

/** The file itself could not be read (not a CSV/XLSX, broken quoting, a corrupt ZIP): the whole import fails with this. */
class FileReadError extends Error {}
/** Reading the kept file from the database failed: not the file's fault, so the job is retried. */
class StoredFileError extends Error {}

const cellsOf = (r: FileRow): Record<string, string> => ({ ...r.cells }) as Record<string, string>;

/** Every row of an order that cannot be imported, each with its own reason (or the line that sank the order). */
export function failGroup(group: OrderGroup, problems: RowProblem[]): RowOutcome[] {
  const byLine = new Map<number, RowProblem[]>();
  for (const p of problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  const bad = [...byLine.keys()].sort((a, b) => a - b);
  return group.rows.map((r) => {
    const mine = byLine.get(r.line);
    return {
      line: r.line,
      orderRef: group.orderRef,
      status: 'failed',
      column: mine?.[0]?.column ?? null,
      reason: mine
        ? mine.map((p) => p.reason).join('; ')
        : `not imported: order ${group.orderRef} is imported whole or not at all, and line${bad.length > 1 ? 's' : ''} ${bad.join(', ')} of it failed`,
      orderId: null,
      cells: cellsOf(r),
    };
  });
}

/** One order: draft → normalised → intake (idempotent by channel + external id, so a re-import is a no-op). */
export async function importGroup(deps: WorkflowDeps, group: OrderGroup, actor: Actor): Promise<RowOutcome[]> {
  const built = buildDraft(group, 'csv');
  if (!built.ok) return failGroup(group, built.problems);
  const norm = await normaliseDraft(deps, null, built.draft);
  if (!norm.ok)
    return failGroup(
      group,
      norm.issues.map((i) => locateIssue(group, i)),
    );
  try {
    const { order, replayed } = await intakeOrder(deps, norm.order, undefined, actor);
    return group.rows.map((r) => ({
      line: r.line,
      orderRef: group.orderRef,
      status: replayed ? 'duplicate' : 'imported',
      column: null,
      reason: replayed ? `already imported as order #${order.number}; nothing changed` : `order #${order.number}`,
      orderId: order.id,
      cells: null,
    }));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const first = group.rows[0]!.line;
    if (e.code === 'DUPLICATE_ORDER') {
      return failGroup(group, [
        {
          line: first,
          column: 'order_id',
          reason: `order_id ${group.orderRef} was already imported with different content; give a new order a new order_id (changes to an order in flight are not made by re-importing it)`,
        },
      ]);
    }
    const issues = e.issues?.length ? e.issues.map((i) => locateIssue(group, i)) : [{ line: first, column: null, reason: e.message }];
    return failGroup(group, issues);
  }
}

/**
 * The `import-file` job: streams the kept file, groups rows into orders, imports each order whole
 * or not at all, and reports every row. Resumable: lines already reported are skipped, so a job
 * retried after a crash carries on where it stopped.
 */
export async function importFile(deps: WorkflowDeps, importId: string): Promise<ImportSummary | null> {
  const claim = await claimImport(deps.ds, importId);
  if (!claim) return null;
  const already = await reportedLines(deps.ds, importId);
  const read = { bytes: 0, rows: 0 };
  let pending: RowOutcome[] = [];
  let lastFlush = Date.now();
  const flush = async (force = false) => {
    if (!force && pending.length < BATCH_ROWS && Date.now() - lastFlush < BATCH_MS) return;
    const batch = pending.filter((o) => !already.has(o.line));
    pending = [];
    lastFlush = Date.now();
    await recordRows(deps.ds, importId, batch, read);
  };

  const source = (async function* () {
    try {
      for await (const chunk of readImportContent(deps.ds, importId)) {
        read.bytes += chunk.length;
        yield chunk;
      }
    } catch (e) {
      throw new StoredFileError('reading the kept file failed', { cause: e });
    }
  })();
  const raw = fileRows(claim.format, source);
  const next = async (): Promise<IteratorResult<RawRow>> => {
    try {
      return await raw.next();
    } catch (e) {
      if (e instanceof StoredFileError) throw e.cause;
      throw new FileReadError(
        `the file could not be read as ${claim.format.toUpperCase()} (${(e as Error).message}); save it again as CSV (UTF-8) or XLSX`,
      );
    }
  };

  let inFlight: OrderGroup[] = [];
  const takeIn = async () => {
    const outcomes = await Promise.all(inFlight.map((g) => importGroup(deps, g, claim.actor)));
    inFlight = [];
    for (const o of outcomes) pending.push(...o);
  };
  try {
    let head = await next();
    while (!head.done && isBlankRow(head.value.values)) head = await next();
    if (head.done)
      throw new FileReadError(
        `the file has no rows; the first row must name the columns (order_id, customer_name, address_line1, city, country, sku, quantity, …)`,
      );
    const header = resolveHeader(head.value.values);
    if (!header.ok) throw new FileReadError(header.error);
    const columns = header.columns;
    const dataRows = (async function* () {
      for (let r = await next(); !r.done; r = await next()) {
        if (isBlankRow(r.value.values)) continue;
        read.rows++;
        yield toFileRow(columns, r.value.values, r.value.line);
      }
    })();
    for await (const item of groupOrders(dataRows)) {
      if (item.kind === 'stray') {
        pending.push({
          line: item.row.line,
          orderRef: item.row.cells.order_id ?? null,
          status: 'failed',
          column: item.problem.column,
          reason: item.problem.reason,
          orderId: null,
          cells: cellsOf(item.row),
        });
      } else if (!item.group.rows.every((r) => already.has(r.line))) {
        inFlight.push(item.group);
        if (inFlight.length >= PARALLEL_ORDERS) await takeIn();
      }
      await flush();
    }
    await takeIn();
    await flush(true);
    return await finishImport(deps.ds, importId, { status: 'done' }, read);
  } catch (e) {
    if (!(e instanceof FileReadError)) throw e;
    // The orders read before the unreadable part are taken in and reported.
    await takeIn();
    await flush(true);
    const where = read.rows ? ` (after ${read.rows} data rows; the rows before were imported and reported)` : '';
    return finishImport(deps.ds, importId, { status: 'failed', error: `${e.message}${where}` }, read);
  }
}
