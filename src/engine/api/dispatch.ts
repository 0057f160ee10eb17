import { AppError, contract, isEndpoint, type Endpoint, type FieldIssue, type OutputOf } from '../../shared';
import type { Actor } from '../engine.types';
import { handlers, type HandlerContext, type InternalCall } from './handlers';
import { ROLE_POLICY } from './role-policy';

/** Turns zod issues into field issues a person can act on. */
export function toFieldIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

/**
 * The single entry to the engine for every transport: name check, schema parse, role check, then
 * the handler. Nothing reaches a handler unparsed.
 */
export async function dispatch<E extends Endpoint>(
  ctx: HandlerContext,
  endpoint: E,
  input: unknown,
  actor: Actor,
  internal?: InternalCall,
): Promise<OutputOf<E>> {
  if (!isEndpoint(endpoint)) throw new AppError('NOT_FOUND', `Unknown endpoint "${String(endpoint)}"`);
  if (!ROLE_POLICY[endpoint].includes(actor.role)) {
    throw new AppError('FORBIDDEN', `Role "${actor.role}" may not call ${endpoint}; allowed: ${ROLE_POLICY[endpoint].join(', ')}`);
  }
  const parsed = contract[endpoint].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error.issues);
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid input for ${endpoint}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  const handler = handlers[endpoint] as (
    ctx: HandlerContext,
    input: unknown,
    actor: Actor,
    internal?: InternalCall,
  ) => Promise<OutputOf<E>>;
  return handler(ctx, parsed.data, actor, internal);
}
