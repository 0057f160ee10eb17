import type { ErrorBody, EngineEvent } from '../shared';
import type { Actor } from '../engine';

/**
 * The messages between the main process and the engine's utility process. They cross a
 * structured-clone boundary, so they are plain data: errors travel as the contract's error body,
 * never as Error objects (whose fields a clone would drop).
 */

/** Main process → engine: run one contract call for an actor, or stop. */
export type ToEngine = { kind: 'call'; id: number; endpoint: string; input: unknown; actor: Actor } | { kind: 'shutdown' };

/** The answer to one call, matched to it by `id`. */
export type CallResult =
  { kind: 'result'; id: number; ok: true; output: unknown } | { kind: 'result'; id: number; ok: false; error: ErrorBody['error'] };

/**
 * Engine → main process. `ready` once the engine answers calls; `fatal` when it could not start
 * (the process exits right after); then results and committed engine events.
 */
export type FromEngine = { kind: 'ready' } | { kind: 'fatal'; message: string } | CallResult | { kind: 'event'; event: EngineEvent };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;
const isCallId = (id: unknown): id is number => typeof id === 'number' && Number.isSafeInteger(id);

/** Checks a message from the main process; anything else is ignored by the engine process. */
export function isToEngine(m: unknown): m is ToEngine {
  if (!isObject(m)) return false;
  if (m.kind === 'shutdown') return true;
  return m.kind === 'call' && isCallId(m.id) && typeof m.endpoint === 'string' && isObject(m.actor) && typeof m.actor.id === 'string';
}

/** Checks a message from the engine process; anything else is ignored by the main process. */
export function isFromEngine(m: unknown): m is FromEngine {
  if (!isObject(m)) return false;
  switch (m.kind) {
    case 'ready':
      return true;
    case 'fatal':
      return typeof m.message === 'string';
    case 'event':
      return isObject(m.event) && typeof m.event.type === 'string';
    case 'result':
      return isCallId(m.id) && (m.ok === true || (m.ok === false && isObject(m.error) && typeof m.error.code === 'string'));
    default:
      return false;
  }
}
