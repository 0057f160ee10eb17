import { createHash } from 'node:crypto';
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
import { withSessionLock } from '../../../db/data-source';
import { intakeOrder } from '../../orders/intake-order';
import { normaliseDraft } from '../../channels/normalise-draft';

export const IMPORT_FILE_JOB = 'import-file';

/** Rows reported per statement: progress is announced at this pace. */
const BATCH_ROWS = 200;
const BATCH_MS = 400;
/** Orders taken in at once: intake is one round trip each, so a few in flight hide the latency. */
const PARALLEL_ORDERS = 8;

/** Reading the kept file from the database failed: not the file's fault, so the job is retried. */
class StoredFileError extends Error {}

const cellsOf = (r: FileRow): Record<string, string> => ({ ...r.cells }) as Record<string, string>;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Whether an error is the database, the queue or the network failing for now — worth running the
 * import again later, where it resumes — rather than something about this order or file.
 */
export function isTransient(e: unknown): boolean {
  if (e instanceof AppError) return e.code === 'UNAVAILABLE';
  const x = e as { code?: unknown; driverError?: { code?: unknown }; message?: unknown } | null;
  const code = String(x?.driverError?.code ?? x?.code ?? '');
  if (/^E[A-Z_]{3,}$/.test(code)) return true; // ECONNRESET, ECONNREFUSED, ETIMEDOUT, EPIPE…
  // SQLSTATE: connection (08), transaction rollback (40), resources (53), operator intervention (57), system (58), lock not available.
  if (/^[0-9A-Z]{5}$/.test(code)) return ['08', '40', '53', '57', '58'].includes(code.slice(0, 2)) || code === '55P03';
  return /connect|terminat|timeout|timed out|not queryable|closed/i.test(String(x?.message ?? ''));
}

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

/** Every row of an order failed for one reason that is not any row's fault. */
const failAll = (group: OrderGroup, reason: string): RowOutcome[] =>
  group.rows.map((r) => ({
    line: r.line,
    orderRef: group.orderRef,
    status: 'failed',
    column: null,
    reason,
    orderId: null,
    cells: cellsOf(r),
  }));

/** One order: draft → normalised → intake (idempotent by channel + external id, so a re-import is a no-op). */
export async function importGroup(deps: WorkflowDeps, group: OrderGroup, actor: Actor): Promise<RowOutcome[]> {
  const built = buildDraft(group, 'csv');
  if (!built.ok) return failGroup(group, built.problems);
  const first = group.rows[0]!.line;
  try {
    const norm = await normaliseDraft(deps, null, built.draft);
    if (!norm.ok)
      return failGroup(
        group,
        norm.issues.map((i) => locateIssue(group, i)),
      );
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
    if (!(e instanceof AppError) || e.code === 'UNAVAILABLE') {
      // The database or the queue away for now: the job runs again and resumes here.
      if (isTransient(e)) throw e;
      // Anything else is about this order (a value the database refuses) or a fault that would
      // recur on every retry: the order is reported, and the rest of the file goes on.
      deps.log.error({ err: e, order: group.orderRef }, 'import: an order could not be taken in');
      return failAll(
        group,
        `not imported: taking in order ${group.orderRef} failed (${messageOf(e)}); check its values and import it again`,
      );
    }
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

/** A session advisory lock per import, in a key range of its own (above the 32-bit keys of hashtext). */
export function importLockKey(importId: string): number {
  return 2 ** 52 + parseInt(createHash('sha256').update(`atalaya:import:${importId}`).digest('hex').slice(0, 12), 16);
}

/** One import at a time per engine, whether the job or the sweeper runs it: a big file must not take every pooled connection. */
const lanes = new WeakMap<object, Promise<unknown>>();
function oneAtATime<T>(engine: object, work: () => Promise<T>): Promise<T> {
  const run = (lanes.get(engine) ?? Promise.resolve()).then(work, work);
  lanes.set(
    engine,
    run.catch(() => undefined),
  );
  return run;
}

export interface ImportRunOptions {
  /** The engine is closing: stop at the next order. The import stays `running` and is resumed (see the import sweeper). */
  signal?: AbortSignal;
  /** Give up on the import for this reason: every row not yet reported is reported failed instead of imported. */
  abandon?: string;
}

/**
 * The `import-file` job: streams the kept file, groups rows into orders, imports each order whole
 * or not at all, and reports every row — imported, duplicate, or failed with its reason, including
 * rows that could not be read (a broken quote, a NUL character), so the counts add up to the
 * file's rows. Resumable: lines already reported are skipped, so a run after a crash carries on
 * where it stopped. Runs holding the import's advisory lock; null when another worker holds it,
 * when the import has already finished, or when it stopped for `signal`.
 */
export async function importFile(deps: WorkflowDeps, importId: string, opts: ImportRunOptions = {}): Promise<ImportSummary | null> {
  return oneAtATime(
    deps.ds,
    async () => (await withSessionLock(deps.ds, importLockKey(importId), () => runImport(deps, importId, opts))) ?? null,
  );
}

async function runImport(deps: WorkflowDeps, importId: string, opts: ImportRunOptions): Promise<ImportSummary | null> {
  if (opts.signal?.aborted) return null;
  const claim = await claimImport(deps.ds, importId);
  if (!claim) return null;
  const format = claim.format.toUpperCase();
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
  const failFile = (error: string) => finishImport(deps.ds, importId, { status: 'failed', error }, read);

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
  /** Why the rest of the file could not be read (a corrupt XLSX): the rows before it are kept and reported. */
  let readError: string | null = null;
  const next = async (): Promise<IteratorResult<RawRow>> => {
    try {
      return await raw.next();
    } catch (e) {
      if (e instanceof StoredFileError) throw e.cause;
      readError = messageOf(e);
      return { done: true, value: undefined };
    }
  };

  let head = await next();
  while (!head.done && isBlankRow(head.value.values)) head = await next();
  if (head.done) {
    return failFile(
      readError
        ? `the file could not be read as ${format} (${readError}); save it again as CSV (UTF-8) or XLSX`
        : `the file has no rows; the first row must name the columns (order_id, customer_name, address_line1, city, country, sku, quantity, …)`,
    );
  }
  if (head.value.problem) return failFile(`the header row (line ${head.value.line}) could not be read: ${head.value.problem.reason}`);
  const header = resolveHeader(head.value.values);
  if (!header.ok) return failFile(header.error);
  const columns = header.columns;

  let lastLine = head.value.line;
  const unread = { rows: 0, from: 0, detail: '' };
  const dataRows = (async function* () {
    for (let r = await next(); !r.done; r = await next()) {
      if (isBlankRow(r.value.values)) continue;
      read.rows++;
      lastLine = r.value.line;
      const u = r.value.problem?.unread;
      if (u && unread.rows++ === 0) Object.assign(unread, { from: u.from, detail: u.detail });
      yield toFileRow(columns, r.value);
    }
  })();

  const take = (g: OrderGroup): Promise<RowOutcome[]> =>
    opts.abandon ? Promise.resolve(failAll(g, `not imported: ${opts.abandon}; import this row again`)) : importGroup(deps, g, claim.actor);
  let inFlight: OrderGroup[] = [];
  const takeIn = async () => {
    const outcomes = await Promise.all(inFlight.map(take));
    inFlight = [];
    for (const o of outcomes) pending.push(...o);
  };
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
    } else if (item.group.rows.every((r) => already.has(r.line))) {
      // Reported before an interruption.
    } else if (readError) {
      // The last order before the unreadable part may go on in it: not imported half.
      pending.push(
        ...failAll(
          item.group,
          `not imported: the file could not be read after line ${lastLine}, where order ${item.group.orderRef} may have more rows; import it again from a fixed file`,
        ),
      );
    } else {
      inFlight.push(item.group);
      if (inFlight.length >= PARALLEL_ORDERS) await takeIn();
    }
    await flush();
    if (opts.signal?.aborted) {
      await takeIn();
      await flush(true);
      return null;
    }
  }
  await takeIn();
  await flush(true);

  if (readError) {
    return failFile(
      `the file could not be read as ${format} after line ${lastLine} (${readError}): the rows up to there were imported or reported row by row, the rest of the file was not read; save it again as CSV (UTF-8) or XLSX and import the rows after line ${lastLine} again`,
    );
  }
  if (unread.rows) {
    return failFile(
      `the file's quoting breaks at line ${unread.from} (${unread.detail}): the rows before it were read and imported or reported row by row; the ${unread.rows} row${unread.rows > 1 ? 's' : ''} from line ${unread.from} on could not be read and ${unread.rows > 1 ? 'are' : 'is'} reported as failed. Fix the quote (or save the sheet again as CSV UTF-8) and import the failed rows again`,
    );
  }
  if (opts.abandon) return failFile(`${opts.abandon}; the rows it had not imported are reported as failed: import them again`);
  return finishImport(deps.ds, importId, { status: 'done' }, read);
}
