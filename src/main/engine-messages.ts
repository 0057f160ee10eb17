import type { ErrorBody, EngineEvent } from '../shared';
import type { Actor } from '../engine';

/** Main process → engine utility process. */
export type ToEngine = { kind: 'call'; id: number; endpoint: string; input: unknown; actor: Actor } | { kind: 'shutdown' };

/** Engine utility process → main process. */
export type FromEngine =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'result'; id: number; ok: true; output: unknown }
  | { kind: 'result'; id: number; ok: false; error: ErrorBody['error'] }
  | { kind: 'event'; event: EngineEvent };

export function isFromEngine(m: unknown): m is FromEngine {
  return typeof m === 'object' && m !== null && ['ready', 'fatal', 'result', 'event'].includes((m as { kind?: string }).kind ?? '');
}
