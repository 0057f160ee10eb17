import { contract, isEndpoint, unstorableTextIssues, type Endpoint, type ErrorBody } from '../shared';

export type CallCheck = { ok: true; endpoint: Endpoint; input: unknown } | { ok: false; error: ErrorBody['error'] };

/**
 * Checks a call from the page before it goes anywhere (the renderer is untrusted): the endpoint
 * must be in the contract, the input must hold only storable text and parse with its schema. The engine checks again;
 * this is defence in depth, and it keeps junk off the process boundary.
 *
 * On success the input is passed on as sent, not as parsed: the engine's own parse is the one
 * that counts, and parsing an already-transformed value twice need not give the same result.
 */
export function validateCall(endpoint: unknown, input: unknown): CallCheck {
  if (typeof endpoint !== 'string' || !isEndpoint(endpoint)) {
    return {
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: typeof endpoint === 'string' ? `Unknown endpoint "${endpoint.slice(0, 80)}"` : 'The endpoint must be a string',
      },
    };
  }
  // An absent input means "no arguments", as over HTTP.
  const sent = input ?? {};
  // Text the database cannot store is refused first, as the engine's dispatcher does.
  const unstorable = unstorableTextIssues(sent);
  const parsed = unstorable.length ? null : contract[endpoint].input.safeParse(sent);
  if (parsed?.success) return { ok: true, endpoint, input: sent };
  // Same shape and wording as the engine's own VALIDATION_FAILED, so the desk shows both alike.
  const issues = parsed
    ? parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }))
    : unstorable;
  return {
    ok: false,
    error: {
      code: 'VALIDATION_FAILED',
      message: `Invalid input for ${endpoint}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    },
  };
}
