import type { Actor, ErrorBody, EngineEvent, SessionInfo, SetupInput } from '../shared';

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

/** Main process → engine: a request (with its correlation id), or stop. */
export type ToEngine = (EngineRequest & { id: number }) | { kind: 'shutdown' };

/** The answer to one request, matched to it by `id`. */
export type CallResult =
  { kind: 'result'; id: number; ok: true; output: unknown } | { kind: 'result'; id: number; ok: false; error: ErrorBody['error'] };

/**
 * Engine → main process. `ready` once the engine answers calls — with the first-run setup token
 * while no admin exists (see desk-sessions.ts for why main holds it); `fatal` when it could not
 * start (the process exits right after); then results and committed engine events.
 */
export type FromEngine =
  { kind: 'ready'; setupToken: string | null } | { kind: 'fatal'; message: string } | CallResult | { kind: 'event'; event: EngineEvent };

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
    default:
      return false;
  }
}
