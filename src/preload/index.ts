import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskApi, EngineEvent, ErrorBody, SessionBridge, SessionInfo, SessionOptions, SessionReply } from '../shared';
import { endpointCheck } from './known-endpoints';

const isKnownEndpoint = endpointCheck(__ATALAYA_ENDPOINTS__);

/**
 * The one small, named bridge the page gets (GitHub Desktop's typed-IPC idea): call an endpoint of
 * the contract, hear engine events, sign in and out. No generic send/invoke is exposed, so the page
 * can reach only these three channels; main checks the sender again and parses every input.
 * The session token stays in main: sign-in answers carry the session's user and expiry only.
 *
 * Channel names are repeated from src/main/ipc-bridge.ts on purpose: importing main here would
 * pull electron-main code into a sandboxed preload.
 */
const CALL_CHANNEL = 'atalaya:call';
const EVENT_CHANNEL = 'atalaya:event';
const SESSION_CHANNEL = 'atalaya:session';

type CallReply = { ok: true; output: unknown } | { ok: false; error: ErrorBody['error'] };

/**
 * What a failed call rejects with. A plain object on purpose: contextBridge copies an Error as its
 * message only, so a thrown Error would reach the page without `code` and `issues`. The desk's
 * client (`toEngineError`) turns this into its EngineError.
 */
function failure(error: ErrorBody['error']): { name: 'EngineError' } & ErrorBody['error'] {
  return { name: 'EngineError', code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
}

/** One sign-in step through main, which keeps the token for this window. */
const step = (op: 'options' | 'signIn' | 'setup' | 'signOut', input?: unknown) =>
  ipcRenderer.invoke(SESSION_CHANNEL, op, input) as Promise<CallReply>;

const toSessionReply = (reply: CallReply): SessionReply =>
  reply.ok ? { ok: true, session: reply.output as SessionInfo } : { ok: false, error: reply.error };

const session: SessionBridge = {
  async options() {
    const reply = await step('options');
    if (reply.ok) return reply.output as SessionOptions;
    throw failure(reply.error);
  },
  // Only the fields main expects are sent, whatever else the page put in the object.
  signIn: async (username, password) => toSessionReply(await step('signIn', { username, password })),
  setup: async (input) =>
    toSessionReply(
      await step('setup', { token: input?.token, username: input?.username, displayName: input?.displayName, password: input?.password }),
    ),
  async signOut() {
    await step('signOut');
  },
};

const api: DeskApi & { session: SessionBridge } = {
  async call(endpoint, input) {
    // The page is untrusted: its types promise an Endpoint, but anything may arrive.
    const name: unknown = endpoint;
    if (!isKnownEndpoint(name)) {
      throw failure({
        code: 'NOT_FOUND',
        message: typeof name === 'string' ? `Unknown endpoint "${name.slice(0, 80)}"` : 'The endpoint must be a string',
      });
    }
    const reply = (await ipcRenderer.invoke(CALL_CHANNEL, endpoint, input)) as CallReply;
    if (reply.ok) return reply.output as never;
    throw failure(reply.error);
  },
  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a listener function');
    // The IPC event object (with its sender) never reaches the page; only the engine event does.
    const handler = (_e: IpcRendererEvent, event: EngineEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
  session,
};

contextBridge.exposeInMainWorld('atalaya', api);
