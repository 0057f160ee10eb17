import { finishImport, unfinishedImports } from '../import.store';
import type { WorkflowDeps } from '../../../kernel/context';
import type { Stoppable } from '../../../kernel/define-module';
import { startPeriodic } from '../../../kernel/periodic';
import { importFile, isTransient } from './import-file';

export interface ImportSweeperOptions {
  everyMs: number;
  /** A queued import waiting longer than this is run here (its job may have been lost). */
  queuedForMs: number;
  /** Runs of one import that failed on an unexpected error before it is given up (its rows reported failed). */
  giveUpAfter: number;
}

/**
 * The loop that keeps an import from staying `running` or `queued` for ever: at start and then
 * every few seconds it runs, on this node, every import whose worker died (a `running` import whose
 * advisory lock nobody holds — the process crashed, or its job ran out of attempts) and every
 * import queued for long (its job lost). The run resumes after the last reported row. An import
 * that keeps failing on an unexpected error (not the database being away) is given up after a few
 * runs: its remaining rows are reported failed with the error, and it ends `failed`.
 * Stopping it also stops, at the next order, an import the job worker is running (`closing`).
 */
export function startImportSweeper(
  deps: WorkflowDeps,
  closing: AbortController,
  opts: ImportSweeperOptions = { everyMs: 10_000, queuedForMs: 60_000, giveUpAfter: 3 },
): Stoppable {
  const failures = new Map<string, number>();
  const pass = async () => {
    for (const { id } of await unfinishedImports(deps.ds, opts.queuedForMs, 20)) {
      if (closing.signal.aborted) return;
      try {
        const s = await importFile(deps, id, { signal: closing.signal });
        failures.delete(id);
        if (s) deps.log.info({ importId: id, status: s.status }, 'import sweeper: finished an import no worker was running');
      } catch (err) {
        if (isTransient(err)) throw err; // the database is away: the next pass tries again
        const n = (failures.get(id) ?? 0) + 1;
        failures.set(id, n);
        deps.log.error({ err, importId: id, attempt: n }, 'import sweeper: the import failed on an unexpected error');
        if (n >= opts.giveUpAfter) {
          failures.delete(id);
          await giveUp(deps, id, err);
        }
      }
    }
  };
  let running: Promise<void> | null = null;
  const tick = () =>
    (running ??= pass()
      .catch((err) => deps.log.warn({ err }, 'import sweeper pass failed'))
      .finally(() => {
        running = null;
      }));
  const timer = startPeriodic(deps.log, 'import sweeper', opts.everyMs, tick);
  void tick();
  return {
    async stop() {
      closing.abort();
      timer.stop();
      await running;
    },
  };
}

/** Ends an import that cannot get through: its unreported rows failed with the error, or (if even that fails) the import alone. */
async function giveUp(deps: WorkflowDeps, id: string, err: unknown): Promise<void> {
  const why = `the import stopped on an unexpected error (${err instanceof Error ? err.message : String(err)})`;
  try {
    await importFile(deps, id, { abandon: why });
  } catch (again) {
    deps.log.error({ err: again, importId: id }, 'import sweeper: could not report the rows of a failing import');
    await finishImport(deps.ds, id, { status: 'failed', error: `${why}; rows after the last reported one were not read` });
  }
}
