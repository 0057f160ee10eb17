import type { SessionOptions, SessionReply, SetupInput } from '../../../shared';
import type { SessionClient } from '../api/session-client';

export interface FakeSession extends SessionClient {
  /** What the store sent, in order: `signIn:<user>`, `setup:<user>`, `signOut`, `options`. */
  readonly calls: string[];
  readonly setups: SetupInput[];
}

/**
 * A fake sign-in transport for the session store's tests: options as given, and each sign-in or
 * setup answered by the next reply in line (a test that runs out of replies fails loudly).
 */
export function fakeSession(options: SessionOptions, replies: SessionReply[] = []): FakeSession {
  const calls: string[] = [];
  const setups: SetupInput[] = [];
  const next = (): SessionReply => {
    const r = replies.shift();
    if (!r) throw new Error('fakeSession: a sign-in was sent but the test gave no more replies');
    return r;
  };
  return {
    calls,
    setups,
    oidcUrl: 'http://desk.test/api/v1/session/oidc',
    async options() {
      calls.push('options');
      return options;
    },
    async signIn(username) {
      calls.push(`signIn:${username}`);
      return next();
    },
    async setup(input) {
      calls.push(`setup:${input.username}`);
      setups.push(input);
      return next();
    },
    async signOut() {
      calls.push('signOut');
    },
  };
}
