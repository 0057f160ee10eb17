import { z } from 'zod';
import { deskMayHear, type Actor, type EngineEvent, type SessionInfo, type SessionOptions, type SessionReply } from '../shared';
import type { SignedInOutput } from './engine-messages';
import type { CallReply, EngineRelay } from './engine-relay';

/** Which window: its webContents id. */
export type WindowId = number;

interface WindowSession {
  /** Stays in this process's memory: never sent to the page, never written to disk. */
  token: string;
  /** Whose window it is, for filtering the live events (refreshed by session.me). */
  actor: Actor;
}

type Failure = Extract<SessionReply, { ok: false }>;
const invalid = (path: string, message: string): Failure => ({
  ok: false,
  error: { code: 'VALIDATION_FAILED', message: `${path}: ${message}`, issues: [{ path, message }] },
});

// Only shape and size here (the page is untrusted); the engine applies the real rules (name, passphrase length).
const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const SignInSchema = z.object({ username: text(200), password: text(1024) });
// An absent token is the empty field: the local desk's own (see below).
const SetupSchema = z.object({ token: text(200).default(''), username: text(200), displayName: text(200), password: text(1024) });

function checked<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | Failure {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return invalid(issue?.path.map(String).join('.') || '(body)', issue?.message ?? 'invalid');
}

const isSignedIn = (o: unknown): o is SignedInOutput =>
  typeof o === 'object' && o !== null && typeof (o as SignedInOutput).token === 'string' && typeof (o as SignedInOutput).actor === 'object';

/** The actor as the user now is (an admin may have changed their role or locations since sign-in). */
function refreshed(actor: Actor, info: SessionInfo): Actor {
  const { user } = info;
  return { ...actor, name: user.displayName, role: user.role, locations: user.role === 'associate' ? user.locations : undefined };
}

/**
 * The Electron desk's sessions, one per window, free of electron so it is unit-tested. Main keeps
 * each window's session token here, in memory only (the page never sees it — the same promise the
 * web desk's HttpOnly cookie makes); every call from that window goes to the engine with it, and
 * the engine finds the actor. Sign-out, a dead session (a call answered UNAUTHORIZED) or the window
 * closing forgets it.
 *
 * First run: while no admin exists, the engine process hands main the setup token with `ready`.
 * Main gives it to `completeSetup` when the page submits the setup form with an empty token field —
 * the person at this machine's desk is its owner, who could read the token from the engine's log
 * anyway — and never to the page itself. A token typed in the form is passed on as typed.
 */
export function createDeskSessions(relay: Pick<EngineRelay, 'call' | 'request' | 'setupToken' | 'forgetSetupToken'>) {
  const sessions = new Map<WindowId, WindowSession>();

  /** Keeps the session a sign-in or setup opened for `owner`, ending any it replaces; answers the page without the token. */
  const keep = (owner: WindowId, reply: CallReply): SessionReply => {
    if (!reply.ok) return reply;
    if (!isSignedIn(reply.output))
      return { ok: false, error: { code: 'INTERNAL', message: 'The engine answered the sign-in in an unknown form' } };
    const previous = sessions.get(owner);
    if (previous && previous.token !== reply.output.token) void relay.request({ kind: 'signOut', token: previous.token });
    sessions.set(owner, { token: reply.output.token, actor: reply.output.actor });
    return { ok: true, session: reply.output.session };
  };

  /** Ends the window's session here and in the engine (idempotent). */
  const signOut = async (owner: WindowId): Promise<void> => {
    const s = sessions.get(owner);
    if (!s) return;
    sessions.delete(owner);
    await relay.request({ kind: 'signOut', token: s.token });
  };

  return {
    async options(): Promise<SessionOptions> {
      const reply = await relay.request({ kind: 'options' });
      // The engine away: offer the sign-in form; signing in then says why it cannot.
      return reply.ok ? (reply.output as SessionOptions) : { setupPending: false, oidc: null };
    },

    async signIn(owner: WindowId, input: unknown): Promise<SessionReply> {
      const c = checked(SignInSchema, input);
      if (!c.ok) return c;
      return keep(owner, await relay.request({ kind: 'signIn', username: c.value.username, password: c.value.password }));
    },

    async setup(owner: WindowId, input: unknown): Promise<SessionReply> {
      const c = checked(SetupSchema, input);
      if (!c.ok) return c;
      const token = c.value.token.trim() === '' ? (relay.setupToken ?? '') : c.value.token;
      const reply = keep(owner, await relay.request({ kind: 'setup', input: { ...c.value, token } }));
      if (reply.ok) relay.forgetSetupToken();
      return reply;
    },

    signOut,

    /** A contract call from the window, as its signed-in user; nobody signed in never reaches the engine. */
    async call(owner: WindowId, endpoint: string, input: unknown): Promise<CallReply> {
      const s = sessions.get(owner);
      if (!s) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Sign in first' } };
      const reply = await relay.call(endpoint, input, s.token);
      // Only if that session is still the window's: a sign-in during the call must not be undone.
      if (sessions.get(owner) !== s) return reply;
      if (!reply.ok && reply.error.code === 'UNAUTHORIZED') sessions.delete(owner);
      else if (reply.ok && endpoint === 'session.me') s.actor = refreshed(s.actor, reply.output as SessionInfo);
      return reply;
    },

    /** Whether the window's user may hear this event (nobody signed in hears nothing). */
    mayHear(owner: WindowId, event: EngineEvent): boolean {
      const s = sessions.get(owner);
      return s !== undefined && deskMayHear(s.actor, event);
    },

    /** The window is gone: its session ends. */
    windowClosed(owner: WindowId): void {
      void signOut(owner);
    },

    /** The actor of a window (for tests and logs), or null. */
    actorOf(owner: WindowId): Actor | null {
      return sessions.get(owner)?.actor ?? null;
    },
  };
}

export type DeskSessions = ReturnType<typeof createDeskSessions>;
