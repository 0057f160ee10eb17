import { BrowserWindow, ipcMain, type UtilityProcess } from 'electron';
import { contract, isEndpoint, type ErrorBody } from '../shared';
import type { Actor } from '../engine';
import type { FromEngine, ToEngine } from './engine-messages';
import { isTrustedSender } from './sender-policy';

export const CALL_CHANNEL = 'atalaya:call';
export const EVENT_CHANNEL = 'atalaya:event';
const CALL_TIMEOUT_MS = 30_000;

type Reply = { ok: true; output: unknown } | { ok: false; error: ErrorBody['error'] };

/**
 * The only file in main that touches ipcMain. Every call is checked before it is relayed: the
 * sender must be the app's own page in its main frame, the endpoint must be in the contract, and
 * the input must parse with the endpoint's schema (the engine parses again).
 */
export function startIpcBridge(getEngine: () => UtilityProcess | undefined, actor: Actor, appUrl: string): { onEngineMessage(m: FromEngine): void } {
  let nextId = 1;
  const pending = new Map<number, { resolve(r: Reply): void; timer: NodeJS.Timeout }>();

  ipcMain.handle(CALL_CHANNEL, async (event, endpoint: unknown, input: unknown): Promise<Reply> => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame, appUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not call the engine' } };
    }
    if (typeof endpoint !== 'string' || !isEndpoint(endpoint)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown endpoint ${String(endpoint)}` } };
    const parsed = contract[endpoint].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: `Invalid input for ${endpoint}`, issues } };
    }
    const engine = getEngine();
    if (!engine) return { ok: false, error: { code: 'UNAVAILABLE', message: 'The engine is not running; it is being restarted' } };
    const id = nextId++;
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ ok: false, error: { code: 'UNAVAILABLE', message: `The engine did not answer ${endpoint} within ${CALL_TIMEOUT_MS / 1000} s` } });
      }, CALL_TIMEOUT_MS);
      pending.set(id, { resolve, timer });
      const msg: ToEngine = { kind: 'call', id, endpoint, input, actor };
      engine.postMessage(msg);
    });
  });

  return {
    onEngineMessage(m) {
      if (m.kind === 'result') {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        clearTimeout(p.timer);
        p.resolve(m.ok ? { ok: true, output: m.output } : { ok: false, error: m.error });
      } else if (m.kind === 'event') {
        for (const w of BrowserWindow.getAllWindows()) w.webContents.send(EVENT_CHANNEL, m.event);
      }
    },
  };
}
