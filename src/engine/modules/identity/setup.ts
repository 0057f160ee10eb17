import { z } from 'zod';
import { AppError, PasswordSchema, unstorableTextIssues, UsernameSchema } from '../../../shared';
import { inTransaction } from '../../db/data-source';
import type { ClientMeta, SignedIn } from '../../engine.types';
import { toFieldIssues } from '../../kernel/dispatch';
import { recordAudit } from '../audit/record-audit';
import { hashPassword } from './password';
import { newId, newSecret, sha256 } from './secrets';
import { insertSetupToken, setupTokenLive, spendSetupTokens } from './session.store';
import { openSession, whereFrom, type SignInDeps } from './sign-in';
import { countEnabledAdmins, getUser, insertUser, lockAdmins } from './user.store';
import { usernameTaken } from './users';

/** A setup link is good for a day: long enough to read the console and open it, short if it leaks. */
const SETUP_TOKEN_SECONDS = 24 * 3600;

const SetupSchema = z.object({
  token: z.string().min(1).max(200),
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(200),
  password: PasswordSchema,
});

const NOT_VALID = 'This setup link is not valid (wrong, expired or already used): open the link the desk printed when it started';

/**
 * The first run: before anyone can sign in, someone with the console (who saw the link the host
 * printed) creates the first admin. The token is random, stored hashed, spent by the setup that
 * uses it, and useless once any enabled admin exists.
 */
export function createSetup(deps: SignInDeps) {
  const { ds } = deps;
  // The plain token lives only in this process: every call while setup is pending returns the same link.
  let plain: string | undefined;
  let making: Promise<string | null> | undefined;

  async function pending(): Promise<string | null> {
    if ((await countEnabledAdmins(ds.manager)) > 0) {
      plain = undefined;
      return null;
    }
    if (plain && (await setupTokenLive(ds.manager, sha256(plain)))) return plain;
    const token = newSecret();
    await insertSetupToken(ds.manager, sha256(token), SETUP_TOKEN_SECONDS);
    plain = token;
    return token;
  }

  async function complete(input: unknown, meta: ClientMeta): Promise<SignedIn> {
    const unstorable = unstorableTextIssues(input);
    const parsed = SetupSchema.safeParse(input ?? {});
    const issues = unstorable.length ? unstorable : parsed.success ? [] : toFieldIssues(parsed.error.issues);
    if (issues.length || !parsed.success)
      throw new AppError('VALIDATION_FAILED', `Invalid setup: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    const { token, username, displayName, password } = parsed.data;
    const passwordHash = await hashPassword(password);
    const id = newId('usr');
    const signedIn = await inTransaction(ds, async (m) => {
      // One setup at a time across desks: two people with two links cannot both become the first admin.
      await lockAdmins(m);
      if (!(await setupTokenLive(m, sha256(token), true))) throw new AppError('UNAUTHORIZED', NOT_VALID);
      if ((await countEnabledAdmins(m)) > 0)
        throw new AppError('UNAUTHORIZED', 'Atalaya already has an admin: sign in, or ask an admin for an account');
      if (!(await insertUser(m, { id, username, displayName, role: 'admin', passwordHash, locations: [] }))) throw usernameTaken(username);
      await spendSetupTokens(m);
      return openSession(m, (await getUser(m, id))!, deps.policy, meta);
    });
    plain = undefined;
    await recordAudit(ds, {
      userId: id,
      userName: username,
      role: 'admin',
      action: 'session.setup',
      outcome: 'ok',
      subject: `user:${id}`,
      sessionId: signedIn.actor.session,
      input: whereFrom(meta),
    });
    return signedIn;
  }

  return {
    /** Concurrent calls share one answer (one token per process, not one per caller). */
    pendingSetupToken: () => (making ??= pending().finally(() => (making = undefined))),
    completeSetup: complete,
  };
}
