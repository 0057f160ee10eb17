import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { EngineEvent } from '../shared';
import { validateCall } from './call-validation';
import type { DeskSessions } from './desk-sessions';
import type { CallReply, EngineRelay } from './engine-relay';
import { isTrustedSender } from './sender-policy';

/** The only three channels between main and the page; the preload names them too. */
export const CALL_CHANNEL = 'atalaya:call';
export const EVENT_CHANNEL = 'atalaya:event';
export const SESSION_CHANNEL = 'atalaya:session';

/** The sign-in steps the page may ask for on {@link SESSION_CHANNEL}. */
export const SESSION_OPS = ['options', 'signIn', 'setup', 'signOut'] as const;

/**
 * Tells a desk it may have missed events (the engine restarted), so it refetches what it shows.
 * The renderer's live-updates already handle this shape.
 */
export const RESYNC = { type: 'desk.resync' } as const;
export type DeskPush = EngineEvent | typeof RESYNC;

const refused: CallReply = { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not call the engine' } };

/**
 * The only file in main that touches ipcMain (lint enforces it). Every message is checked before it
 * is relayed (VS Code's validatedIpcMain): the sender must be the desk's own page in its main frame,
 * the endpoint must be in the contract, and the input must parse with the endpoint's schema.
 * A call runs as the user signed in at the sending window (`sessions`, keyed by its webContents);
 * each window hears only the events its user may (`deskMayHear`).
 * Answers are plain {@link CallReply} objects, never thrown errors: Electron would reduce a thrown
 * error to its message and the desk would lose the code and the field issues.
 */
export function startIpcBridge(relay: EngineRelay, sessions: DeskSessions, deskUrl: string): { push(message: DeskPush): void } {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (frame && isTrustedSender(frame.url, frame.parent === null, deskUrl)) return true;
    console.warn(`[atalaya] refused a message from ${frame?.url.slice(0, 200) ?? 'a closed frame'}`);
    return false;
  };

  // A window's session ends with the window (closed, crashed for good, or destroyed).
  const watched = new WeakSet<WebContents>();
  const endWithWindow = (contents: WebContents) => {
    if (watched.has(contents)) return;
    watched.add(contents);
    const id = contents.id;
    contents.once('destroyed', () => sessions.windowClosed(id));
  };

  ipcMain.handle(CALL_CHANNEL, async (event, endpoint: unknown, input: unknown): Promise<CallReply> => {
    if (!trusted(event)) return refused;
    const check = validateCall(endpoint, input);
    if (!check.ok) return check;
    return sessions.call(event.sender.id, check.endpoint, check.input);
  });

  ipcMain.handle(SESSION_CHANNEL, async (event, op: unknown, input: unknown): Promise<CallReply> => {
    if (!trusted(event)) return refused;
    const owner = event.sender.id;
    endWithWindow(event.sender);
    switch (op) {
      case 'options':
        return { ok: true, output: await sessions.options() };
      case 'signIn':
      case 'setup': {
        const reply = op === 'signIn' ? await sessions.signIn(owner, input) : await sessions.setup(owner, input);
        return reply.ok ? { ok: true, output: reply.session } : reply;
      }
      case 'signOut':
        await sessions.signOut(owner);
        return { ok: true, output: null };
      default:
        return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown session step; expected one of ${SESSION_OPS.join(', ')}` } };
    }
  });

  const push = (message: DeskPush) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
      // A resync carries nothing; an engine event goes only to a window whose user may hear it.
      if (message.type === 'desk.resync' || sessions.mayHear(win.webContents.id, message)) win.webContents.send(EVENT_CHANNEL, message);
    }
  };
  relay.onEvent(push);
  return { push };
}
