import { AppError, type Actor, type identityContract } from '../../../shared';
import { inTransaction } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import type { ModuleContext } from '../../kernel/context';
import type { HandlersFor } from '../../kernel/define-module';
import { getApiKey, insertApiKey, listApiKeys, revokeApiKey } from './api-key.store';
import { sessionPolicyOf } from './identity-service';
import { hashPassword, verifyPassword } from './password';
import { newId, newSecret, sha256 } from './secrets';
import { endUserSessions, getOpenSession } from './session.store';
import { attemptSucceeded, beginAttempt } from './throttle';
import { getUser, setPasswordHash, type StoredUser } from './user.store';
import { createUser, resetPassword, toUser, updateUser, userList } from './users';

type IdentityEndpoint = Exclude<keyof typeof identityContract, 'audit.list'>;

/** The signed-in person behind an actor: their session must still be open (a desk actor without one has no account). */
async function sessionUser(ctx: ModuleContext, actor: Actor): Promise<{ user: StoredUser; expiresAt: Date }> {
  const s = actor.session ? await getOpenSession(ctx.ds.manager, actor.session) : null;
  const user = s && s.userId === actor.id ? await getUser(ctx.ds.manager, s.userId) : null;
  if (!s || !user) throw new AppError('UNAUTHORIZED', 'You are not signed in (or your session ended): sign in again');
  return { user, expiresAt: s.expiresAt };
}

export const identityHandlers: HandlersFor<IdentityEndpoint> = {
  'session.me': async (ctx, _input, actor) => {
    const { user, expiresAt } = await sessionUser(ctx, actor);
    return { user: toUser(user), expiresAt: expiresAt.toISOString(), idleTimeoutSeconds: sessionPolicyOf(ctx.config).idleSeconds };
  },

  // Throttled like a sign-in: a desk left open must not let a passer-by guess the password it asks for.
  'session.changePassword': async (ctx, input, actor) => {
    const { user } = await sessionUser(ctx, actor);
    if (user.passwordHash === null)
      throw new AppError('VALIDATION_FAILED', 'You sign in through your company account: change your password there', [
        { path: 'currentPassword', message: 'this account has no Atalaya password' },
      ]);
    const attempt = await beginAttempt(ctx.ds, user.username, undefined);
    if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
      throw new AppError('VALIDATION_FAILED', 'The current password is wrong', [{ path: 'currentPassword', message: 'wrong password' }]);
    await attemptSucceeded(ctx.ds, attempt);
    if (input.newPassword === input.currentPassword)
      throw new AppError('VALIDATION_FAILED', 'The new password is the current one: choose another', [
        { path: 'newPassword', message: 'same as the current password' },
      ]);
    const hash = await hashPassword(input.newPassword);
    await inTransaction(ctx.ds, async (m) => {
      await setPasswordHash(m, user.id, hash);
      // Whoever else holds a session of this user (a desk left signed in elsewhere, a thief) is out.
      await endUserSessions(m, user.id, 'password changed', actor.session);
    });
    auditNote({ subject: `user:${user.id}` });
    return { changed: true as const };
  },

  'users.list': async (ctx) => userList(ctx.ds),
  'users.create': async (ctx, input, actor) => createUser(ctx.ds, input, actor),
  'users.update': async (ctx, input, actor) => updateUser(ctx.ds, input, actor),
  'users.resetPassword': async (ctx, input, actor) => resetPassword(ctx.ds, input, actor),

  'apiKeys.list': async (ctx) => listApiKeys(ctx.ds.manager),
  'apiKeys.create': async (ctx, input, actor) => {
    const secret = `atk_${newSecret()}`;
    const key = await insertApiKey(ctx.ds.manager, {
      id: newId('key'),
      name: input.name,
      // Enough to tell keys apart in a list and in a config file, far too little to guess the rest.
      prefix: secret.slice(0, 12),
      secretHash: sha256(secret),
      scopes: input.scopes,
      createdBy: actor.name,
    });
    auditNote({ subject: `apiKey:${key.id}`, before: null, after: key });
    return { key, secret };
  },
  'apiKeys.revoke': async (ctx, input) => {
    const before = await getApiKey(ctx.ds.manager, input.id);
    const key = await revokeApiKey(ctx.ds.manager, input.id);
    if (!before || !key) throw new AppError('NOT_FOUND', `No API key ${input.id}`);
    auditNote({ subject: `apiKey:${key.id}`, before, after: key });
    return key;
  },
};
