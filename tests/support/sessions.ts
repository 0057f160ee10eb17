import { randomBytes } from 'node:crypto';
import type { Actor, Engine } from '../../src/engine';
import type { StaffRole } from '../../src/shared';

/** The name of the web host's session cookie (src/server serves it; tests send it). */
export const SESSION_COOKIE = 'atalaya_session';

/** The admin that test support acts as when it creates users (as the CLI or the Users view would). */
export const TEST_ADMIN: Actor = { id: 'test-admin', name: 'Test admin', role: 'admin' };

export interface TestSession {
  username: string;
  password: string;
  token: string;
  actor: Actor;
  /** `atalaya_session=<token>`, for a `cookie` header. */
  cookie: string;
}

/**
 * Creates a user with `role` (and `locations` for an associate) through the engine, signs them in,
 * and returns the session — what a person does at the sign-in page, without the page.
 */
export async function signInAs(
  engine: Engine,
  who: { role: StaffRole; name?: string; locations?: string[]; username?: string },
): Promise<TestSession> {
  const username = who.username ?? `${who.role}-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  await engine.dispatch(
    'users.create',
    { username, displayName: who.name ?? `Test ${who.role}`, role: who.role, locations: who.locations ?? [], password },
    TEST_ADMIN,
  );
  const signedIn = await engine.identity.signIn({ username, password }, { via: 'web', ip: '127.0.0.1' });
  return { username, password, token: signedIn.token, actor: signedIn.actor, cookie: `${SESSION_COOKIE}=${signedIn.token}` };
}
