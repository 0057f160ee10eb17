/** Within this long, a repeat of the signal is the same request arriving twice, not a second press. */
const SAME_REQUEST_MS = 1_000;
/** How often a process that must stop with its parent looks whether the parent is still there. */
const PARENT_CHECK_MS = 500;

/**
 * Stops gracefully on SIGINT (Ctrl-C), SIGTERM or SIGHUP: one line says so, `stop` finishes the
 * work in progress and closes everything in order (HTTP, workers and queues, pools, then the
 * embedded database), and the process exits 0 — or 1, with one line, if stopping failed.
 *
 * One Ctrl-C often arrives twice: the terminal signals the whole foreground group, and `npm run`
 * also forwards what it gets to its child. A repeat within a second is that same press; a later
 * one means "now": the process exits at once (1) without finishing its work (the embedded
 * database still gets a fast shutdown from its exit hook).
 *
 * A process that must stop with its parent stops, as on SIGTERM, when the parent is gone (it was
 * re-parented): under `npm run` (npm runs the script through `sh -c`, forwards a SIGTERM to that
 * shell only, and the shell exits without passing it on), and the desk process `npm start`
 * starts (ATALAYA_STOP_WITH_PARENT=1), so it never outlives scripts/start.mjs.
 */
export function runUntilSignal(stop: () => Promise<void>): void {
  let stoppingSince: number | undefined;
  const begin = (why: string) => {
    stoppingSince = Date.now();
    console.log(`Stopping (${why}): finishing the work in progress, then closing the database…`);
    stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`Atalaya did not stop cleanly: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  const onSignal = (sig: NodeJS.Signals) => {
    if (stoppingSince === undefined) return begin(sig);
    if (Date.now() - stoppingSince < SAME_REQUEST_MS) return;
    console.error(`${sig} again: exiting now, without finishing the work in progress.`);
    process.exit(1);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => onSignal(sig));

  if (process.platform !== 'win32' && (process.env.npm_lifecycle_event || process.env.ATALAYA_STOP_WITH_PARENT === '1')) {
    const parent = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(watch);
      if (stoppingSince === undefined) begin('the parent process is gone');
    }, PARENT_CHECK_MS);
    watch.unref();
  }
}
