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
 */
export function createDispatcher(ctx: ModuleContext, table: ReadonlyMap<Endpoint, AnyHandler>) {
  return async function dispatch<E extends Endpoint>(
    endpoint: E,
    input: unknown,
    actor: Actor,
    internal?: InternalCall,
  ): Promise<OutputOf<E>> {
    if (!isEndpoint(endpoint)) throw new AppError('NOT_FOUND', `Unknown endpoint "${String(endpoint)}"`);
    const allowed = contract[endpoint].roles as readonly string[];
    if (!allowed.includes(actor.role)) {
      throw new AppError('FORBIDDEN', `Role "${actor.role}" may not call ${endpoint}; allowed: ${allowed.join(', ')}`);
    }
    const parsed = parseInput(endpoint, input);
    const handler = table.get(endpoint);
    if (!handler) throw new AppError('NOT_FOUND', `No module of this engine serves ${endpoint}`);
    // The database or the queue being away is UNAVAILABLE (retry later) on every transport, not an internal error.
    return (handler(ctx, parsed, actor, internal) as Promise<OutputOf<E>>).catch((e: unknown) => {
      throw unavailableError(e) ?? e;
    });
  };
}
