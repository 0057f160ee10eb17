import { join } from 'node:path';
import { BrowserWindow, dialog, utilityProcess, type UtilityProcess } from 'electron';
import { isFromEngine, type ToEngine } from './engine-messages';
import type { EngineRelay } from './engine-relay';
import { afterCrash } from './restart-policy';

export interface EngineSupervisorOptions {
  /** Where the engine keeps its embedded database and local state. */
  dataDir: string;
  /** The app's resources/ folder (demo data): the bundle's own location says nothing about it. */
  resourcesDir: string;
  /** The engine came back after a crash: desks should refetch what they show. */
  onRestarted(): void;
  /** The person chose to quit after a failure they were shown. */
  onQuitRequested(): void;
}

/**
 * Runs the engine in an Electron utility process and keeps it running: a crash is shown and
 * the engine restarted (with back-off, up to a limit); a failed start is shown with the reason
 * and a choice to try again or quit. Graceful stop sends `shutdown` and waits.
 */
export function superviseEngine(relay: EngineRelay, options: EngineSupervisorOptions) {
  let child: UtilityProcess | undefined;
  let stopping = false;
  let everReady = false;
  let crashes: number[] = [];
  let restartTimer: ReturnType<typeof setTimeout> | undefined;

  const fork = () => {
    restartTimer = undefined;
    let fatal: string | undefined;
    const proc = utilityProcess.fork(join(__dirname, 'engine-process.js'), [], {
      serviceName: 'atalaya-engine',
      env: { ...process.env, ATALAYA_DATA_DIR: options.dataDir, ATALAYA_RESOURCES_DIR: options.resourcesDir },
      stdio: 'inherit',
    });
    child = proc;
    relay.attach((m: ToEngine) => proc.postMessage(m));
    proc.on('message', (m: unknown) => {
      if (!isFromEngine(m)) return;
      if (m.kind === 'fatal') fatal = m.message;
      if (m.kind === 'ready') {
        if (everReady) options.onRestarted();
        everReady = true;
      }
      relay.receive(m);
    });
    proc.on('exit', (code) => {
      if (child === proc) child = undefined;
      if (stopping) return relay.detach('Atalaya is closing', false);
      if (fatal !== undefined) {
        relay.detach(`The engine could not start: ${fatal}`, false);
        return void offerRetry('Atalaya could not start its engine', `${fatal}\n\nData folder: ${options.dataDir}`);
      }
      const decision = afterCrash(crashes, Date.now());
      crashes = decision.recentCrashes;
      if (!decision.restart) {
        relay.detach(`The engine stopped ${crashes.length} times in a minute and was not restarted`, false);
        return void offerRetry(
          'The Atalaya engine keeps stopping',
          `It stopped ${crashes.length} times within a minute (last exit code ${code}). Start Atalaya from a terminal to read the engine's log.`,
        );
      }
      relay.detach(`The engine stopped unexpectedly (exit code ${code}) and is restarting`, true);
      showCrash(code);
      restartTimer = setTimeout(fork, decision.delayMs);
    });
  };

  /** A blocking choice: the desk is useless without its engine. */
  const offerRetry = async (message: string, detail: string) => {
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: 'Atalaya',
      message,
      detail,
      buttons: ['Try again', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    });
    if (stopping) return;
    if (response === 0) {
      crashes = [];
      fork();
    } else options.onQuitRequested();
  };

  let crashNoticeOpen = false;
  /** A visible but non-blocking notice: the restart is already under way. */
  const showCrash = (code: number) => {
    if (crashNoticeOpen) return;
    crashNoticeOpen = true;
    const detail = `Exit code ${code}. Work already saved is kept; an action you had just started may need to be repeated. The screen refreshes when the engine is back.`;
    const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const box = {
      type: 'warning' as const,
      title: 'Atalaya',
      message: 'The engine stopped unexpectedly and is restarting',
      detail,
      buttons: ['OK'],
    };
    void (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box)).finally(() => (crashNoticeOpen = false));
  };

  fork();

  return {
    /** Asks the engine to close in order; kills it if it has not exited within `timeoutMs`. */
    stop(timeoutMs: number): Promise<void> {
      stopping = true;
      clearTimeout(restartTimer);
      const proc = child;
      if (!proc) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          console.warn(`[atalaya] the engine did not stop within ${timeoutMs / 1000} s; killing it`);
          proc.kill();
          resolve();
        }, timeoutMs);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        const shutdown: ToEngine = { kind: 'shutdown' };
        proc.postMessage(shutdown);
      });
    },
  };
}
