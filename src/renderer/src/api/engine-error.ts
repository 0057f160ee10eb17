import type { FieldIssue } from '../../../shared';

/** An engine failure as the desk shows it: the engine's code, message and field issues. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
    /** With RATE_LIMITED (and UNAVAILABLE): seconds until the engine takes the request again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** How a transport's failure to reach the engine at all begins (the desk says it in the user's language: i18n/engine-errors.ts). */
export const ENGINE_UNREACHABLE = 'The engine cannot be reached';

/** The error for a call that never reached the engine (the network, the engine not running). */
export function unreachableError(cause: unknown): EngineError {
  return new EngineError('UNAVAILABLE', `${ENGINE_UNREACHABLE} (${cause instanceof Error ? cause.message : String(cause)})`);
}

const seconds = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.ceil(v) : undefined);

/** The error a non-2xx answer stands for; a body that is not the contract's error shape still yields a readable message. */
export function errorFromBody(status: number, body: unknown, retryAfterHeader?: string | null): EngineError {
  const e = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown; retryAfterSeconds?: unknown } } | null)?.error;
  const code = typeof e?.code === 'string' ? e.code : status >= 500 ? 'INTERNAL' : 'HTTP_' + status;
  const message = typeof e?.message === 'string' && e.message ? e.message : `The engine answered HTTP ${status}`;
  const issues = Array.isArray(e?.issues) ? (e.issues as FieldIssue[]) : undefined;
  const retryAfter = seconds(e?.retryAfterSeconds) ?? seconds(retryAfterHeader ? Number(retryAfterHeader) : undefined);
  return new EngineError(
    code,
    issues?.length
      ? `${message}${message.includes(issues[0]!.path) ? '' : ` (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`}`
      : message,
    issues,
    retryAfter,
  );
}

/** Wraps whatever a transport threw (a bridge error, a network failure) into an EngineError. */
export function toEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  const x = (e ?? {}) as { code?: unknown; message?: unknown; issues?: unknown; retryAfterSeconds?: unknown };
  const code = typeof x.code === 'string' ? x.code : 'UNAVAILABLE';
  const message = typeof x.message === 'string' ? x.message.replace(/^Error invoking remote method '[^']+': (\w*Error: )?/, '') : String(e);
  return new EngineError(code, message, Array.isArray(x.issues) ? (x.issues as FieldIssue[]) : undefined, seconds(x.retryAfterSeconds));
}
