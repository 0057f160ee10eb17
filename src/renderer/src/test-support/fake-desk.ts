import { onTestFinished } from 'vitest';
import { contract, type DeskApi, type Endpoint, type InputOf, type OutputOf } from '../../../shared';

/** A fake engine's answer to one endpoint, typed by the contract. */
export type FakeHandler<E extends Endpoint> = (input: InputOf<E>) => OutputOf<E> | Promise<OutputOf<E>>;

/** The endpoints a test expects its store to call, each with its fake answer. */
export type FakeHandlers = { [E in Endpoint]?: FakeHandler<E> };

/** One recorded call: the endpoint and the input exactly as the store sent it. */
export type FakeCall = { [E in Endpoint]: [endpoint: E, input: InputOf<E>] }[Endpoint];

export interface FakeDesk extends Pick<DeskApi, 'call'> {
  /** Every call, in order, including those whose handler threw. */
  readonly calls: FakeCall[];
  /** The inputs sent to one endpoint, in order. */
  inputsOf<E extends Endpoint>(endpoint: E): InputOf<E>[];
  /** The endpoints called, in order. */
  endpoints(): Endpoint[];
}

/**
 * A fake desk API for store tests, typed against the contract. Only the endpoints given a handler
 * may be called; every answer is parsed with the endpoint's output schema before the store sees it,
 * so a fake answer that drifts from the contract fails the test — even when the store catches the
 * error and only shows it. Build one per test case (it must be created inside a test: it checks
 * itself when that test finishes).
 */
export function fakeDesk(handlers: FakeHandlers = {}): FakeDesk {
  return createFakeDesk(handlers, (check) => onTestFinished(check));
}

/** How long the end-of-test check waits for calls still in flight (their answers are checked too). */
const SETTLE_MS = 100;

/** {@link fakeDesk} with the end-of-test check handed to `whenDone` (its own tests run the check themselves). */
export function createFakeDesk(handlers: FakeHandlers, whenDone: (check: () => Promise<void>) => void): FakeDesk {
  const calls: FakeCall[] = [];
  const problems: string[] = [];
  const inFlight = new Set<Promise<unknown>>();
  whenDone(async () => {
    if (inFlight.size) await Promise.race([Promise.allSettled(inFlight), new Promise((r) => setTimeout(r, SETTLE_MS))]);
    if (problems.length) throw new Error(`fakeDesk:\n${problems.join('\n')}`);
  });
  const fail = (problem: string): never => {
    problems.push(problem);
    throw new Error(`fakeDesk: ${problem}`);
  };
  const answer = async <E extends Endpoint>(endpoint: E, input: InputOf<E>): Promise<OutputOf<E>> => {
    const handler = handlers[endpoint] as FakeHandler<E> | undefined;
    if (!handler) return fail(`"${endpoint}" was called but the test gave it no handler`);
    const parsed = contract[endpoint].output.safeParse(await handler(input));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      return fail(`the fake answer to "${endpoint}" does not satisfy the contract (${issues})`);
    }
    return parsed.data as OutputOf<E>;
  };
  return {
    calls,
    call<E extends Endpoint>(endpoint: E, input: InputOf<E>): Promise<OutputOf<E>> {
      calls.push([endpoint, input] as FakeCall);
      const pending = answer(endpoint, input);
      inFlight.add(pending);
      const forget = () => void inFlight.delete(pending);
      pending.then(forget, forget);
      return pending;
    },
    inputsOf<E extends Endpoint>(endpoint: E): InputOf<E>[] {
      return calls.filter((c) => c[0] === endpoint).map((c) => c[1] as InputOf<E>);
    },
    endpoints: () => calls.map((c) => c[0]),
  };
}
