import type { Actor } from '../../../shared';
import type { EngineConfig, Identity } from '../../engine.types';
import type { ModuleContext } from '../../kernel/context';
import { recordAudit } from '../audit/record-audit';
import { authenticateApiKey } from './api-key.store';
import { dummyHash } from './password';
import { sha256 } from './secrets';
import { authenticateSession, endSessionByToken } from './session.store';
import { createSetup } from './setup';
import { actorOf, signInExternal, signInWithPassword, type SessionPolicy } from './sign-in';

/** The session lifetimes of an engine's configuration (ATALAYA_SESSION_IDLE_MINUTES, ATALAYA_SESSION_HOURS). */
export const sessionPolicyOf = (config: Pick<EngineConfig, 'sessionIdleMinutes' | 'sessionHours'>): SessionPolicy => ({
  idleSeconds: config.sessionIdleMinutes * 60,
  absoluteSeconds: config.sessionHours * 3600,
});

/** More seconds than any session lives: last_seen_at is never that old, so it is not written. */
const NEVER_TOUCH_SECONDS = 10 * 365 * 24 * 3600;

/** A token or key no longer than this is not worth a database round trip (ours are 43 and 47 characters). */
const plausible = (secret: unknown): secret is string => typeof secret === 'string' && secret.length >= 20 && secret.length <= 200;

/**
 * The engine's identity service for its hosts: sign-in (password, identity provider, first-run
 * setup), the session behind every request, sign-out, and the API keys of integrations. The hosts
 * keep the token (a cookie, the Electron main process) and ask `authenticate` on every call.
 */
export function createIdentity(ctx: Pick<ModuleContext, 'ds' | 'config'>): Identity {
  const { ds } = ctx;
  const policy = sessionPolicyOf(ctx.config);
  const deps = { ds, policy };
  // last_seen_at is written when older than this: about once a minute, more often only for a very short idle time.
  const touchAfterSeconds = Math.min(60, Math.floor(policy.idleSeconds / 4));
  // The first sign-in with an unknown name should not take twice as long as the next ones.
  void dummyHash();
  const setup = createSetup(deps);

  return {
    pendingSetupToken: setup.pendingSetupToken,
    completeSetup: setup.completeSetup,
    signIn: (input, meta) => signInWithPassword(deps, input, meta),
    signInExternal: (who, meta) => signInExternal(deps, who, meta),

    async authenticate(token, opts): Promise<Actor | null> {
      if (!plausible(token)) return null;
      // touch: false — a re-check that is not the person's activity never slides last_seen_at (the UPDATE's age test cannot pass).
      const touchAfter = opts?.touch === false ? NEVER_TOUCH_SECONDS : touchAfterSeconds;
      const s = await authenticateSession(ds.manager, sha256(token), policy.idleSeconds, touchAfter);
      return s ? actorOf({ id: s.userId, displayName: s.displayName, role: s.role, locations: s.locations }, s.sessionId) : null;
    },

    async signOut(token): Promise<void> {
      if (!plausible(token)) return;
      const ended = await endSessionByToken(ds.manager, sha256(token), 'signed out');
      if (!ended) return; // already ended, expired or unknown: signing out again is not an event
      await recordAudit(ds, {
        userId: ended.userId,
        userName: ended.username,
        role: ended.role,
        action: 'session.signOut',
        outcome: 'ok',
        sessionId: ended.sessionId,
      });
    },

    async authenticateKey(secret, scope): Promise<Actor | null> {
      if (!plausible(secret) || !secret.startsWith('atk_')) return null;
      const key = await authenticateApiKey(ds.manager, sha256(secret), scope);
      return key ? { id: `key:${key.id}`, name: key.name, role: 'integrator' } : null;
    },

    sessionPolicy: policy,
  };
}
