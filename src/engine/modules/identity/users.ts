import { AppError, type Actor, type FieldIssue, type ParsedInputOf, type StaffRole, type User } from '../../../shared';
import { inTransaction, type Db, type Tx } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import { hashPassword } from './password';
import { newId } from './secrets';
import { endUserSessions, type EndReason } from './session.store';
import {
  countEnabledAdmins,
  existingLocations,
  findUserByUsername,
  getUser,
  insertUser,
  listUsers,
  lockAdmins,
  setLocations,
  setPasswordHash,
  updateUserFields,
  type StoredUser,
} from './user.store';

/**
 * Managing users — what an admin does in the Users view and what `npm run user` does on the
 * command line; both come here, so the rules are the same: an associate works at one or more
 * existing locations and nobody else is tied to any, names are unique, and the last enabled admin
 * can be neither disabled nor demoted (nobody could manage users any more). A change to who a user
 * is or what they may reach ends their sessions, so it applies at once, not at the next sign-in.
 */

/** The user as the contract shows it: never the password hash. */
export function toUser(s: StoredUser): User {
  return {
    id: s.id,
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    locations: s.locations,
    disabled: s.disabled,
    external: s.passwordHash === null,
    createdAt: s.createdAt.toISOString(),
    lastSignInAt: s.lastSignInAt?.toISOString() ?? null,
  };
}

export async function userList(ds: Db): Promise<User[]> {
  return (await listUsers(ds.manager)).map(toUser);
}

/** A user by sign-in name (any case), or null. */
export async function userByName(ds: Db, username: string): Promise<User | null> {
  const u = await findUserByUsername(ds.manager, username.trim().toLowerCase());
  return u ? toUser(u) : null;
}

function invalid(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

async function locationIssues(m: Tx, role: StaffRole, locations: readonly string[]): Promise<FieldIssue[]> {
  if (role !== 'associate')
    return locations.length ? [{ path: 'locations', message: `only an associate works at given locations; a ${role} has none` }] : [];
  if (!locations.length) return [{ path: 'locations', message: 'an associate needs at least one location to work at' }];
  const known = await existingLocations(m, locations);
  return locations.flatMap((id, i) => (known.has(id) ? [] : [{ path: `locations.${i}`, message: `there is no location "${id}"` }]));
}

export const usernameTaken = (username: string) => invalid([{ path: 'username', message: `"${username}" is taken: choose another name` }]);

async function mustGet(m: Tx, id: string): Promise<StoredUser> {
  const u = await getUser(m, id, true);
  if (!u) throw new AppError('NOT_FOUND', `No user ${id}`);
  return u;
}

export async function createUser(ds: Db, input: ParsedInputOf<'users.create'>, _actor: Actor): Promise<User> {
  const locations = [...new Set(input.locations)];
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const id = newId('usr');
  const user = await inTransaction(ds, async (m) => {
    const issues = await locationIssues(m, input.role, locations);
    if (issues.length) throw invalid(issues);
    const made = await insertUser(m, {
      id,
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash,
      locations,
    });
    if (!made) throw usernameTaken(input.username);
    return toUser((await getUser(m, id))!);
  });
  auditNote({ subject: `user:${id}`, before: null, after: user });
  return user;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export async function updateUser(ds: Db, input: ParsedInputOf<'users.update'>, _actor: Actor): Promise<User> {
  const { before, after } = await inTransaction(ds, async (m) => {
    // Taken before the row: every change that could remove an admin waits for the one before it.
    await lockAdmins(m);
    const before = await mustGet(m, input.id);
    const role = input.role ?? before.role;
    const locations = input.locations ? [...new Set(input.locations)] : role === 'associate' ? before.locations : [];
    const issues = await locationIssues(m, role, locations);
    if (issues.length) throw invalid(issues);

    const losesAdmin = before.role === 'admin' && !before.disabled && (role !== 'admin' || input.disabled === true);
    if (losesAdmin && (await countEnabledAdmins(m, before.id)) === 0) {
      const path = role !== 'admin' ? 'role' : 'disabled';
      throw invalid([
        { path, message: `${before.username} is the last enabled admin: make another user admin first, or nobody could manage users` },
      ]);
    }

    await updateUserFields(m, before.id, { displayName: input.displayName, role: input.role, disabled: input.disabled });
    const locationsChanged = !sameSet(locations, before.locations);
    if (locationsChanged) await setLocations(m, before.id, locations);

    const reason: EndReason | null =
      input.disabled === true && !before.disabled
        ? 'disabled'
        : role !== before.role
          ? 'role changed'
          : locationsChanged
            ? 'locations changed'
            : null;
    if (reason) await endUserSessions(m, before.id, reason);
    return { before, after: (await getUser(m, before.id))! };
  });
  const user = toUser(after);
  auditNote({ subject: `user:${user.id}`, before: toUser(before), after: user });
  return user;
}

/** An admin sets a new password; every session of the user ends (whoever held them must sign in again). */
export async function resetPassword(ds: Db, input: ParsedInputOf<'users.resetPassword'>, _actor: Actor): Promise<User> {
  const hash = await hashPassword(input.password);
  const { before, after } = await inTransaction(ds, async (m) => {
    const before = await mustGet(m, input.id);
    await setPasswordHash(m, before.id, hash);
    await endUserSessions(m, before.id, 'password reset');
    return { before, after: (await getUser(m, before.id))! };
  });
  const user = toUser(after);
  auditNote({ subject: `user:${user.id}`, before: toUser(before), after: user });
  return user;
}
