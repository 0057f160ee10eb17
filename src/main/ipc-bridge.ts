import { BrowserWindow, ipcMain } from 'electron';
import type { EngineEvent } from '../shared';
import type { Actor } from '../engine';
import { validateCall } from './call-validation';
import type { CallReply, EngineRelay } from './engine-relay';
import { isTrustedSender } from './sender-policy';

/** The only two channels between main and the page; the preload names them too. */
export const CALL_CHANNEL = 'atalaya:call';
export const EVENT_CHANNEL = 'atalaya:event';

/**
 * Tells a desk it may have missed events (the engine restarted), so it refetches what it shows.
 * The renderer's live-updates already handle this shape.
 */
export const RESYNC = { type: 'desk.resync' } as const;
export type DeskPush = EngineEvent | typeof RESYNC;

/**
 * The only file in main that touches ipcMain (lint enforces it). Every call is checked before it
 * is relayed (VS Code's validatedIpcMain): the sender must be the app's own page in its main frame,
 * the endpoint must be in the contract, and the input must parse with the endpoint's schema.
 * Answers are plain {@link CallReply} objects, never thrown errors: Electron would reduce a thrown
 * error to its message and the desk would lose the code and the field issues.
 */
export function startIpcBridge(relay: EngineRelay, actor: Actor, appUrl: string): { push(message: DeskPush): void } {
  ipcMain.handle(CALL_CHANNEL, async (event, endpoint: unknown, input: unknown): Promise<CallReply> => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame.url, frame.parent === null, appUrl)) {
      console.warn(`[atalaya] refused a call from ${frame?.url.slice(0, 200) ?? 'a closed frame'}`);
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not call the engine' } };
    }
    const check = validateCall(endpoint, input);
    if (!check.ok) return check;
    return relay.call(check.endpoint, check.input, actor);
  });

  const push = (message: DeskPush) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, message);
    }
  };
  relay.onEvent(push);
  return { push };
}
