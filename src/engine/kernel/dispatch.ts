import {
  AppError,
  contract,
  isEndpoint,
  unstorableTextIssues,
  type Actor,
  type Endpoint,
  type FieldIssue,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared';
import type { ModuleContext } from './context';
import { unavailableError } from './unavailable';
import type { EngineModule, InternalCall } from './define-module';
import { auditRowOf, isAudited, isMachineTraffic, withAuditScope, type AuditNote, type AuditOutcome, type AuditWriter } from './audit';

/** Turns zod issues into field issues a person can act on. */
export function toFieldIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

/** An endpoint's input parsed by its contract schema, or VALIDATION_FAILED naming each field (as every transport answers it). */
export function parseInput<E extends Endpoint>(endpoint: E, input: unknown): ParsedInputOf<E> {
  // Text the database cannot store (a NUL, a lone surrogate) is refused in any field, before the schema.
  const unstorable = unstorableTextIssues(input);
  if (unstorable.length) throw invalidInput(endpoint, unstorable);
  const parsed = contract[endpoint].input.safeParse(input ?? {});
  if (parsed.success) return parsed.data as ParsedInputOf<E>;
  throw invalidInput(endpoint, toFieldIssues(parsed.error.issues));
}

/** At most this many issues are returned (a snapshot of a million bad rows must not answer with a million). */
const MAX_ISSUES = 100;

function invalidInput(endpoint: Endpoint, all: FieldIssue[]): AppError {
  const issues = all.slice(0, MAX_ISSUES);
  const listed = issues.slice(0, 10).map((i) => `${i.path}: ${i.message}`);
  const more = all.length > listed.length ? ` … and ${all.length - listed.length} more` : '';
  return new AppError('VALIDATION_FAILED', `Invalid input for ${endpoint}: ${listed.join('; ')}${more}`, issues);
}

type AnyHandler = (ctx: ModuleContext, input: unknown, actor: Actor, internal?: InternalCall) => Promise<unknown>;

/**
 * The handler table of a list of modules: every endpoint of the contract exactly once. A module
 * that serves an endpoint another module serves, or an endpoint no module serves, stops the engine
 * at start with the names (the types already catch both at build time; this also guards tests that
 * start a reduced list).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function handlerTable(modules: readonly EngineModule<any>[], opts: { complete: boolean } = { complete: true }) {
  const table = new Map<Endpoint, AnyHandler>();
  const owner = new Map<string, string>();
  for (const m of modules) {
    for (const [name, handler] of Object.entries(m.handlers as Record<string, AnyHandler>)) {
      if (!isEndpoint(name)) throw new Error(`Module ${m.name} serves "${name}", which is not in the contract (src/shared/*.contract.ts)`);
      const prev = owner.get(name);
      if (prev) throw new Error(`Endpoint ${name} is served by two modules: ${prev} and ${m.name}`);
      owner.set(name, m.name);
      table.set(name, handler);
    }
  }
  const missing = Object.keys(contract).filter((e) => !owner.has(e));
  if (opts.complete && missing.length) throw new Error(`No module serves ${missing.join(', ')}: add a handler to the module that owns it`);
  return table;
}

/**
 * The single entry to the engine for every transport: name check, role check (the roles the
 * contract declares for the endpoint), schema parse, then the handler. Nothing reaches a handler
 * unparsed.
 *
 * Every command by a person or an integrator, and every refused call, is appended to the audit log
 * by `audit` after it settles (see {@link recordCall}); handlers add what they know with `auditNote`.
 */
export function createDispatcher(ctx: ModuleContext, table: ReadonlyMap<Endpoint, AnyHandler>, audit?: AuditWriter) {
  return async function dispatch<E extends Endpoint>(
    endpoint: E,
    input: unknown,
    actor: Actor,
    internal?: InternalCall,
  ): Promise<OutputOf<E>> {
    if (!isEndpoint(endpoint)) throw new AppError('NOT_FOUND', `Unknown endpoint "${String(endpoint)}"`);
    const kind = contract[endpoint].kind as 'command' | 'query';
    const allowed = contract[endpoint].roles as readonly string[];
    if (!allowed.includes(actor.role)) {
      const refused = new AppError('FORBIDDEN', `Role "${actor.role}" may not call ${endpoint}; allowed: ${allowed.join(', ')}`);
      await recordCall(ctx, audit, { endpoint, kind, actor, input, note: {}, error: refused });
      throw refused;
    }
    const run = async (): Promise<{ parsed: unknown; output: OutputOf<E> }> => {
      const parsed = parseInput(endpoint, input);
      const handler = table.get(endpoint);
      if (!handler) throw new AppError('NOT_FOUND', `No module of this engine serves ${endpoint}`);
      // The database or the queue being away is UNAVAILABLE (retry later) on every transport, not an internal error.
      try {
        return { parsed, output: (await handler(ctx, parsed, actor, internal)) as OutputOf<E> };
      } catch (e) {
        throw unavailableError(e) ?? e;
      }
    };
    // No scope where no row can follow: the engine's own calls and the integrations' high-volume traffic.
    if (!audit || actor.role === 'system' || isMachineTraffic(actor, endpoint)) return (await run()).output;
    const { note, result } = await withAuditScope(run);
    if (result.status === 'rejected') {
      await recordCall(ctx, audit, { endpoint, kind, actor, input, note, error: result.reason });
      throw result.reason;
    }
    const { parsed, output } = result.value;
    await recordCall(ctx, audit, { endpoint, kind, actor, input: parsed, note, output });
    return output;
  };
}

/**
 * Appends the call's audit row, if it is one the log keeps. It is written after the handler, in its
 * own statement, not inside the handler's transaction: handlers own their transactions (retried on
 * serialisation failures, some in several steps, some a single statement with no transaction at
 * all), and a refused or failed command has none to join. The price is that a crash between the
 * command's commit and this write loses the entry; a failed write is logged loudly and never turns
 * a committed command into an error for its caller.
 */
async function recordCall(
  ctx: ModuleContext,
  audit: AuditWriter | undefined,
  call: { endpoint: Endpoint; kind: 'command' | 'query'; actor: Actor; input: unknown; note: AuditNote; error?: unknown; output?: unknown },
): Promise<void> {
  if (!audit) return;
  const outcome: AuditOutcome = call.error === undefined ? 'ok' : isCode(call.error, 'FORBIDDEN') ? 'denied' : 'failed';
  if (!isAudited(call.actor, call.kind, outcome) || isMachineTraffic(call.actor, call.endpoint)) return;
  // The database (or queue) is away: nothing happened, and the log lives in the database that is away.
  if (isCode(call.error, 'UNAVAILABLE')) return;
  const row = auditRowOf({ ...call, outcome });
  try {
    await audit(row);
  } catch (err) {
    ctx.log.error(
      { err, action: row.action, userId: row.userId, outcome: row.outcome, orderId: row.orderId },
      'AUDIT LOG WRITE FAILED: the call went through but is missing from the audit log',
    );
  }
}

const isCode = (e: unknown, code: string) => e instanceof AppError && e.code === code;
