import { AppError, type Actor } from '../../../shared';
import { inTransaction, type Db, type Tx } from '../../db/data-source';
import type { ClientMeta, ExternalIdentity, SignedIn } from '../../engine.types';
import { recordAudit } from '../audit/record-audit';
import { hashPassword, needsRehash, verifyNothing, verifyPassword } from './password';
import { newId, newSecret, sha256 } from './secrets';
import { insertSession } from './session.store';
import { attemptSucceeded, beginAttempt, type Attempt } from './throttle';
import {
  findLinkableUsers,
  findUserByExternal,
  findUserByUsername,
  linkExternal,
  recordSignIn,
  rehashPassword,
  type StoredUser,
} from './user.store';

/** Idle and absolute session lifetimes, in seconds. */
export interface SessionPolicy {
  idleSeconds: number;
  absoluteSeconds: number;
}

export interface SignInDeps {
  ds: Db;
  policy: SessionPolicy;
}

/** One answer for a wrong name, a wrong password, a disabled user and a user without a password: it tells a guesser nothing. */
export const WRONG_CREDENTIALS = 'Wrong user name or password';

/** Where an attempt came from, as the audit entry's input. */
export const whereFrom = (meta: ClientMeta) => ({ via: meta.via, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null });

/** The actor a session acts as: an associate carries their locations, nobody else does. */
export function actorOf(
  u: { id: string; displayName: string; role: StoredUser['role']; locations: readonly string[] | null },
  session: string,
): Actor {
  return {
    id: u.id,
    name: u.displayName,
    role: u.role,
    ...(u.role === 'associate' ? { locations: [...(u.locations ?? [])] } : {}),
    session,
  };
}

/**
 * Opens a new session for a user who just proved who they are — always a new one, never an
 * existing token handed over (no fixation): the token goes back once and only its hash is kept.
 */
export async function openSession(m: Tx, user: StoredUser, policy: SessionPolicy, meta: ClientMeta): Promise<SignedIn> {
  const token = newSecret();
  const id = newId('ses');
  const expiresAt = await insertSession(m, {
    id,
    tokenHash: sha256(token),
    userId: user.id,
    absoluteSeconds: policy.absoluteSeconds,
    meta,
  });
  await recordSignIn(m, user.id);
  return { token, actor: actorOf(user, id), expiresAt: expiresAt.toISOString() };
}

async function auditSignIn(ds: Db, user: StoredUser, s: SignedIn, meta: ClientMeta, extra: Record<string, unknown> = {}) {
  await recordAudit(ds, {
    userId: user.id,
    userName: user.username,
    role: user.role,
    action: 'session.signIn',
    outcome: 'ok',
    sessionId: s.actor.session,
    input: { ...whereFrom(meta), ...extra },
  });
}

async function auditFailed(
  ds: Db,
  tried: string,
  userId: string | undefined,
  reason: string,
  meta: ClientMeta,
  extra: Record<string, unknown> = {},
) {
  await recordAudit(ds, {
    userId: userId ?? '-',
    userName: tried.slice(0, 200),
    role: '-',
    action: 'session.signInFailed',
    outcome: 'denied',
    reason,
    input: { ...whereFrom(meta), ...extra },
  });
}

/** Why a password cannot open this account (for the audit log only; the caller always hears {@link WRONG_CREDENTIALS}). */
function refusal(user: StoredUser | null): string | null {
  if (!user) return 'no such user name';
  if (user.disabled) return 'the user is disabled';
  if (user.passwordHash === null) return 'the user signs in through the identity provider';
  return null;
}

/**
 * Signs in with a user name and password: throttled per name and per address (throttle.ts), one
 * scrypt verification whether or not the name exists, the hash upgraded when its parameters are
 * old, a new session.
 */
export async function signInWithPassword(
  deps: SignInDeps,
  input: { username: string; password: string },
  meta: ClientMeta,
): Promise<SignedIn> {
  const { ds } = deps;
  const tried = String(input.username ?? '')
    .trim()
    .toLowerCase();
  // A password longer than any the contract accepts is wrong; hashing it in full would only cost time.
  const password = String(input.password ?? '').slice(0, 1024);
  let attempt: Attempt;
  try {
    attempt = await beginAttempt(ds, tried, meta.ip);
  } catch (e) {
    if (e instanceof AppError && e.code === 'RATE_LIMITED') await auditFailed(ds, tried, undefined, e.message, meta);
    throw e;
  }
  const user = tried.length >= 2 && tried.length <= 120 ? await findUserByUsername(ds.manager, tried) : null;
  const why = refusal(user);
  const ok = why === null && user ? await verifyPassword(password, user.passwordHash!) : await verifyNothing(password);
  if (!ok || !user) {
    await auditFailed(ds, tried, user?.id, why ?? 'wrong password', meta);
    throw new AppError('UNAUTHORIZED', WRONG_CREDENTIALS);
  }
  await attemptSucceeded(ds, attempt);
  if (needsRehash(user.passwordHash!)) await rehashPassword(ds.manager, user.id, user.passwordHash!, await hashPassword(password));
  const signedIn = await inTransaction(ds, (m) => openSession(m, user, deps.policy, meta));
  await auditSignIn(ds, user, signedIn, meta);
  return signedIn;
}

/**
 * Signs in a person the company's identity provider vouched for (the host verified the ID token):
 * the user linked to that account; on their first sign-in, the one enabled, unlinked user whose
 * e-mail or user name is the account's e-mail — who is linked from then on.
 */
export async function signInExternal(deps: SignInDeps, who: ExternalIdentity, meta: ClientMeta): Promise<SignedIn> {
  const { ds } = deps;
  const found = await inTransaction(ds, async (m): Promise<{ user: StoredUser; linked: boolean } | string> => {
    const linked = await findUserByExternal(m, who.issuer, who.subject);
    if (linked) return linked.disabled ? 'the linked user is disabled' : { user: linked, linked: false };
    if (!who.email) return 'the identity provider sent no e-mail';
    const candidates = await findLinkableUsers(m, who.email);
    if (candidates.length !== 1) return candidates.length ? 'more than one user has this e-mail' : 'no user with this e-mail';
    await linkExternal(m, candidates[0]!.id, { issuer: who.issuer, subject: who.subject, email: who.email });
    return { user: candidates[0]!, linked: true };
  });
  const shown = who.email ?? who.name ?? who.subject;
  if (typeof found === 'string') {
    await auditFailed(ds, shown, undefined, found, meta, { issuer: who.issuer, subject: who.subject });
    throw new AppError('UNAUTHORIZED', `No Atalaya user for ${shown}: ask an admin to add you`);
  }
  const signedIn = await inTransaction(ds, (m) => openSession(m, found.user, deps.policy, meta));
  await auditSignIn(ds, found.user, signedIn, meta, { issuer: who.issuer, linkedNow: found.linked });
  return signedIn;
}
