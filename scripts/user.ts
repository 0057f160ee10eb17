/**
 * Users from the command line, for whoever has the machine: the first admin without the setup
 * link, a password reset when every admin is locked out, a quick list.
 *
 *   npm run user -- add <username> --role <planner|supervisor|associate|admin> [--name "…"] [--location <id>]… [--external]
 *   npm run user -- reset <username>
 *   npm run user -- disable <username>
 *   npm run user -- enable <username>
 *   npm run user -- list
 *
 * The password is asked twice on the terminal, not echoed; `--password-stdin` reads one line from
 * standard input instead (scripts, tests). The database is DATABASE_URL's, or else the embedded
 * database of the data folder while a desk runs on it. Only the database is opened — no queues, no
 * workers — and the same rules as the Users view apply (users.ts); every change is written to the
 * audit log as `cli:<OS user>`.
 *
 * Exit codes: 0 done, 1 refused (the message says why), 2 usage or no database.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { AppError, STAFF_ROLES, type Actor, type User } from '../src/shared';
import { loadConfig } from '../src/engine/config';
import { openDatabase, type Db } from '../src/engine/db/data-source';
import { runningEmbeddedUrl } from '../src/engine/db/embedded-postgres';
import { parseInput } from '../src/engine/kernel/dispatch';
import { recordAudit } from '../src/engine/modules/audit/record-audit';
import { createUser, resetPassword, updateUser, userByName, userList } from '../src/engine/modules/identity/users';

const USAGE = `Usage:
  npm run user -- add <username> --role <${STAFF_ROLES.join('|')}> [--name "Full name"] [--location <id>]… [--external]
  npm run user -- reset <username>
  npm run user -- disable <username>
  npm run user -- enable <username>
  npm run user -- list
Options:
  --password-stdin   read the password from standard input (one line) instead of asking on the terminal
  --external         add a user who signs in through the company's identity provider only (no password)`;

/** A failure that ends the command with `code` and a message, without a stack. */
class Exit extends Error {
  constructor(
    readonly code: 1 | 2,
    message: string,
  ) {
    super(message);
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (/[\r\n]/.test(text)) throw new Exit(2, '--password-stdin reads one line: the input has several');
  return text;
}

/** Reads a line from the terminal without echoing it (raw mode: backspace, Ctrl-C and Ctrl-D handled here). */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new Exit(2, 'No terminal to ask the password on: pipe it with --password-stdin');
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(typed));
        if (ch === '\u0003' || (ch === '\u0004' && !typed)) return finish(() => reject(new Exit(2, 'Cancelled: nothing changed')));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function newPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  const first = await askHidden('Password (at least 12 characters): ');
  const again = await askHidden('Again: ');
  if (first !== again) throw new Exit(1, 'The two passwords differ: nothing changed');
  return first;
}

async function mustFind(ds: Db, username: string): Promise<User> {
  const u = await userByName(ds, username);
  if (!u) throw new Exit(1, `There is no user "${username}": see npm run user -- list`);
  return u;
}

function describeUser(u: User): string {
  const where = u.locations.length ? ` at ${u.locations.join(', ')}` : '';
  const how = u.external ? ', signs in through the identity provider' : '';
  return `${u.username} (${u.displayName}, ${u.role}${where}${how}${u.disabled ? ', disabled' : ''})`;
}

function printList(users: User[]): void {
  if (!users.length) return void console.log('No users yet: add the first admin with npm run user -- add <name> --role admin');
  const rows = users.map((u) => [
    u.username,
    u.role,
    u.displayName,
    u.locations.join(',') || '-',
    [u.disabled ? 'disabled' : 'enabled', u.external ? 'external' : ''].filter(Boolean).join(' '),
    u.lastSignInAt ?? 'never',
  ]);
  const head = ['USER', 'ROLE', 'NAME', 'LOCATIONS', 'STATE', 'LAST SIGN-IN'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows])
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}

interface Args {
  command: string;
  username?: string;
  role?: string;
  name?: string;
  locations: string[];
  passwordStdin: boolean;
  external: boolean;
}

function readArgs(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        location: { type: 'string', multiple: true },
        'password-stdin': { type: 'boolean' },
        external: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new Exit(2, `${(e as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, username, ...extra] = positionals;
  if (values.help || !command) throw new Exit(2, USAGE);
  const wantsName = ['add', 'reset', 'disable', 'enable'].includes(command);
  if (!wantsName && command !== 'list') throw new Exit(2, `Unknown command "${command}"\n${USAGE}`);
  if (wantsName && !username) throw new Exit(2, `${command} needs a user name\n${USAGE}`);
  if (extra.length || (!wantsName && username)) throw new Exit(2, `Unexpected ${[username, ...extra].filter(Boolean).join(' ')}\n${USAGE}`);
  if (command === 'add' && !values.role) throw new Exit(2, `add needs --role (${STAFF_ROLES.join(', ')})`);
  return {
    command,
    username,
    role: values.role,
    name: values.name,
    locations: values.location ?? [],
    passwordStdin: values['password-stdin'] ?? false,
    external: values.external ?? false,
  };
}

/** Runs one command against an open database; what it did, for the terminal. */
async function run(ds: Db, a: Args, actor: Actor): Promise<{ said: string; subject?: string; input?: unknown }> {
  switch (a.command) {
    case 'list':
      printList(await userList(ds));
      return { said: '' };
    case 'add': {
      const raw = { username: a.username, displayName: a.name ?? a.username, role: a.role, locations: a.locations };
      // Validate before asking for a password, so a typo in the role is not found after typing it twice.
      parseInput('users.create', { ...raw, password: 'x'.repeat(12) });
      const password = a.external ? undefined : await newPassword(a.passwordStdin);
      const user = await createUser(ds, parseInput('users.create', { ...raw, password }), actor);
      return { said: `Added ${describeUser(user)}`, subject: `user:${user.id}`, input: raw };
    }
    case 'reset': {
      const user = await mustFind(ds, a.username!);
      const password = await newPassword(a.passwordStdin);
      const after = await resetPassword(ds, parseInput('users.resetPassword', { id: user.id, password }), actor);
      return { said: `New password for ${describeUser(after)}; their sessions have ended`, subject: `user:${user.id}` };
    }
    default: {
      const user = await mustFind(ds, a.username!);
      const disabled = a.command === 'disable';
      const after = await updateUser(ds, parseInput('users.update', { id: user.id, disabled }), actor);
      return {
        said: disabled ? `Disabled ${describeUser(after)}; their sessions have ended` : `Enabled ${describeUser(after)}`,
        subject: `user:${user.id}`,
        input: { disabled },
      };
    }
  }
}

const ACTIONS: Record<string, string> = {
  add: 'users.create',
  reset: 'users.resetPassword',
  disable: 'users.update',
  enable: 'users.update',
};

async function main(argv: string[]): Promise<number> {
  const args = readArgs(argv);
  let url: string | undefined;
  try {
    const config = loadConfig(process.env, {}, 'desk');
    url = config.databaseUrl ?? runningEmbeddedUrl(config.dataDir);
  } catch (e) {
    throw new Exit(2, (e as Error).message);
  }
  if (!url) throw new Exit(2, 'Set DATABASE_URL, or start the desk first (npm start) so its database is running');
  let ds: Db;
  try {
    ds = await openDatabase({ url, poolSize: 2, log: { info: () => undefined, warn: (m) => console.error(m) } });
  } catch (e) {
    throw new Exit(2, `Cannot open the database: ${(e as Error).message}`);
  }
  const who = `cli:${osUser()}`;
  const actor: Actor = { id: who, name: who, role: 'admin' };
  const audit = (outcome: 'ok' | 'failed', d: { subject?: string; input?: unknown; error?: string }) =>
    ACTIONS[args.command]
      ? recordAudit(ds, {
          userId: who,
          userName: who,
          role: 'admin',
          action: ACTIONS[args.command]!,
          outcome,
          subject: d.subject ?? (args.username ? `username:${args.username.toLowerCase()}` : null),
          error: d.error ?? null,
          input: { ...(d.input as object), username: args.username, via: 'cli' },
        })
      : Promise.resolve();
  try {
    const done = await run(ds, args, actor);
    await audit('ok', done);
    if (done.said) console.log(done.said);
    return 0;
  } catch (e) {
    if (e instanceof AppError || e instanceof Exit) await audit('failed', { error: e.message }).catch(() => undefined);
    throw e;
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    if (e instanceof Exit) {
      console.error(e.message);
      process.exitCode = e.code;
    } else if (e instanceof AppError) {
      // The message names each field and what to do (the same as the Users view shows).
      console.error(`Refused: ${e.message}`);
      process.exitCode = 1;
    } else {
      console.error(e);
      process.exitCode = 1;
    }
  },
);
