import type { Actor, ErrorBody, EngineEvent, SessionInfo, SetupInput } from '../shared';
import type { SilentPrintBridge } from '../engine/ports/printer.port';

/**
 * The messages between the main process and the engine's utility process. They cross a
 * structured-clone boundary, so they are plain data: errors travel as the contract's error body,
 * never as Error objects (whose fields a clone would drop).
 *
 * Main never tells the engine who is calling: a call carries the window's session token and the
 * engine process finds the actor (`engine.identity.authenticate`). A page that fooled main could at
 * worst present a token it was given, never name a role.
 */

/** One request main may send; each is answered by a {@link CallResult} with the same `id`. */
export type EngineRequest =
  /** A contract call on behalf of the session `token` (null: nobody signed in at that window). */
  | { kind: 'call'; endpoint: string; input: unknown; token: string | null }
  /** `engine.identity.signIn`; answered with a {@link SignedInOutput}. */
  | { kind: 'signIn'; username: string; password: string }
  /** `engine.identity.completeSetup` (the first admin); answered with a {@link SignedInOutput}. */
  | { kind: 'setup'; input: SetupInput }
  /** Ends the session (idempotent); answered with `null`. */
  | { kind: 'signOut'; token: string }
  /** What the sign-in page offers; answered with the shared `SessionOptions`. */
  | { kind: 'options' };

/**
 * What a sign-in or setup answers to main: the token (kept by main for that window, never sent to
 * the page), the actor (for filtering that window's events) and the session the page is shown.
 */
export interface SignedInOutput {
  token: string;
  actor: Actor;
  session: SessionInfo;
}

/** What Electron's silent printing is asked to print (the bridge's request, as the engine sends it). */
export type SilentPrintRequest = Parameters<SilentPrintBridge['print']>[0];

/**
 * What the engine asks of the main process — the only direction-reversed requests: silent printing
 * needs a window, and only main has windows. Each is answered by a {@link HostReply} with the same `hostId`.
 */
export type HostRequest = { kind: 'print'; request: SilentPrintRequest } | { kind: 'printers' };

/** Main's answer to a {@link HostRequest}: its output, or why it failed (plain text, for the job's last error). */
export type HostReply =
  { kind: 'hostReply'; hostId: number; ok: true; output: unknown } | { kind: 'hostReply'; hostId: number; ok: false; error: string };

/** Main process → engine: a request (with its correlation id), the answer to a host request, or stop. */
export type ToEngine = (EngineRequest & { id: number }) | HostReply | { kind: 'shutdown' };

/** The answer to one request, matched to it by `id`. */
export type CallResult =
  { kind: 'result'; id: number; ok: true; output: unknown } | { kind: 'result'; id: number; ok: false; error: ErrorBody['error'] };

/**
 * Engine → main process. `ready` once the engine answers calls — with the first-run setup token
 * while no admin exists (see desk-sessions.ts for why main holds it); `fatal` when it could not
 * start (the process exits right after); then results and committed engine events.
 */
export type FromEngine =
  | { kind: 'ready'; setupToken: string | null }
  | { kind: 'fatal'; message: string }
  | CallResult
  | { kind: 'event'; event: EngineEvent }
  | { kind: 'host'; hostId: number; request: HostRequest };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;
const isCallId = (id: unknown): id is number => typeof id === 'number' && Number.isSafeInteger(id);
const isString = (s: unknown): s is string => typeof s === 'string';

function isSetupInput(m: unknown): m is SetupInput {
  return isObject(m) && isString(m.token) && isString(m.username) && isString(m.displayName) && isString(m.password);
}

/** Checks a message from the main process; anything else is ignored by the engine process. */
export function isToEngine(m: unknown): m is ToEngine {
  if (!isObject(m)) return false;
  if (m.kind === 'shutdown') return true;
  if (m.kind === 'hostReply') return isCallId(m.hostId) && (m.ok === true || (m.ok === false && isString(m.error)));
  if (!isCallId(m.id)) return false;
  switch (m.kind) {
    case 'call':
      return isString(m.endpoint) && (m.token === null || isString(m.token));
    case 'signIn':
      return isString(m.username) && isString(m.password);
    case 'setup':
      return isSetupInput(m.input);
    case 'signOut':
      return isString(m.token);
    case 'options':
      return true;
    default:
      return false;
  }
}

/** Checks a message from the engine process; anything else is ignored by the main process. */
export function isFromEngine(m: unknown): m is FromEngine {
  if (!isObject(m)) return false;
  switch (m.kind) {
    case 'ready':
      return m.setupToken === null || isString(m.setupToken);
    case 'fatal':
      return isString(m.message);
    case 'event':
      return isObject(m.event) && isString(m.event.type);
    case 'result':
      return isCallId(m.id) && (m.ok === true || (m.ok === false && isObject(m.error) && isString(m.error.code)));
    case 'host':
      return isCallId(m.hostId) && isHostRequest(m.request);
    default:
      return false;
  }
}

/** A host request main will act on: a print with its fields in shape (main checks the values), or a printer list. */
function isHostRequest(r: unknown): r is HostRequest {
  if (!isObject(r)) return false;
  if (r.kind === 'printers') return true;
  if (r.kind !== 'print' || !isObject(r.request)) return false;
  const { deviceName, html, pageSize, title } = r.request;
  return (
    isString(deviceName) &&
    isString(html) &&
    isString(title) &&
    isObject(pageSize) &&
    typeof pageSize.width === 'number' &&
    typeof pageSize.height === 'number'
  );
}
