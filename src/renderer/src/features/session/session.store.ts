import { create } from 'zustand';
import type { DeskApi, SessionInfo, SessionOptions, SessionReply, SetupInput, User } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { toEngineError } from '../../api/engine-error';
import { sessionClient, type SessionClient } from '../../api/session-client';

/**
 * - starting: asking the engine who is signed in;
 * - setup: no admin exists yet — the first-run form;
 * - signedOut: the sign-in form (with `ended` when a session was lost under the user's feet);
 * - signedIn: the desk;
 * - unreachable: the engine did not answer at all (the screen offers to retry).
 */
export type SessionStatus = 'starting' | 'setup' | 'signedOut' | 'signedIn' | 'unreachable';

/** Why the last sign-in or setup did not work. `until`: with rateLimited, when the engine takes tries again (ms epoch). */
export type SignInProblem =
  { kind: 'credentials' } | { kind: 'rateLimited'; until: number } | { kind: 'setupToken' } | { kind: 'other'; message: string };

export interface SessionState {
  status: SessionStatus;
  options: SessionOptions | null;
  info: SessionInfo | null;
  /** The sign-in screen shows because the session ended (expired, signed out elsewhere, disabled). */
  ended: boolean;
  problem: SignInProblem | null;
  /** A failed round trip through the identity provider (`?signin=<code>` on the way back). */
  oidcFailure: string | null;
  /** Why the engine could not be asked (status unreachable). */
  unreachable: string | null;
  busy: boolean;
  started(opts?: { oidcFailure?: string | null }): Promise<void>;
  signInSubmitted(username: string, password: string): Promise<boolean>;
  setupSubmitted(input: SetupInput): Promise<boolean>;
  signOutRequested(): Promise<void>;
  /** A call answered UNAUTHORIZED: the session expired or was ended; the desk goes back to the sign-in screen. */
  unauthorizedAnswered(): void;
}

export interface SessionDeps {
  api: Pick<DeskApi, 'call'>;
  session: Pick<SessionClient, 'options' | 'signIn' | 'setup' | 'signOut'>;
  /** Runs once signed in (the live stream reopens as this session). */
  onSignedIn?(info: SessionInfo): void;
  /** Someone else signed in where another user's desk was: what it showed is not theirs to see. */
  onUserSwitched?(): void;
  now?(): number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The desk's session: who is signed in, and the way in and out. */
export function createSessionStore(deps: SessionDeps) {
  const now = deps.now ?? Date.now;
  return create<SessionState>()((set, get) => {
    // The user whose desk is (or was, before the session ended) on screen: stores still hold their data.
    let lastUserId: string | null = null;
    const signedIn = (info: SessionInfo) => {
      const switched = lastUserId !== null && lastUserId !== info.user.id;
      lastUserId = info.user.id;
      set({ status: 'signedIn', info, ended: false, problem: null, busy: false, oidcFailure: null });
      deps.onSignedIn?.(info);
      if (switched) deps.onUserSwitched?.();
    };
    const refused = (reply: Extract<SessionReply, { ok: false }>, setup: boolean) => {
      const e = reply.error;
      const problem: SignInProblem =
        e.code === 'RATE_LIMITED'
          ? { kind: 'rateLimited', until: now() + Math.max(1, e.retryAfterSeconds ?? 30) * 1000 }
          : e.code === 'UNAUTHORIZED'
            ? setup
              ? { kind: 'setupToken' }
              : { kind: 'credentials' }
            : { kind: 'other', message: e.message };
      set({ problem, busy: false });
    };
    return {
      status: 'starting',
      options: null,
      info: null,
      ended: false,
      problem: null,
      oidcFailure: null,
      unreachable: null,
      busy: false,
      async started(opts) {
        set({ status: 'starting', unreachable: null, oidcFailure: opts?.oidcFailure ?? get().oidcFailure });
        try {
          const info = await deps.api.call('session.me', {});
          signedIn(info);
          return;
        } catch (e) {
          const err = toEngineError(e);
          if (err.code !== 'UNAUTHORIZED') {
            set({ status: 'unreachable', unreachable: err.message });
            return;
          }
        }
        try {
          const options = await deps.session.options();
          set({ options, status: options.setupPending ? 'setup' : 'signedOut' });
        } catch (e) {
          set({ status: 'unreachable', unreachable: message(e) });
        }
      },
      async signInSubmitted(username, password) {
        const p = get().problem;
        if (get().busy || (p?.kind === 'rateLimited' && p.until > now())) return false;
        set({ busy: true, problem: null });
        const reply = await deps.session.signIn(username.trim(), password);
        if (!reply.ok) {
          refused(reply, false);
          return false;
        }
        signedIn(reply.session);
        return true;
      },
      async setupSubmitted(input) {
        if (get().busy) return false;
        set({ busy: true, problem: null });
        const reply = await deps.session.setup({ ...input, username: input.username.trim(), displayName: input.displayName.trim() });
        if (!reply.ok) {
          refused(reply, true);
          return false;
        }
        set({ options: { ...(get().options ?? { oidc: null }), setupPending: false } });
        signedIn(reply.session);
        return true;
      },
      async signOutRequested() {
        set({ busy: true });
        await deps.session.signOut();
        // Signed out on purpose: the next person starts from a clean desk.
        lastUserId = null;
        set({ status: 'signedOut', info: null, ended: false, problem: null, busy: false });
        deps.onUserSwitched?.();
      },
      unauthorizedAnswered() {
        if (get().status !== 'signedIn') return;
        set({ status: 'signedOut', ended: true, problem: null, busy: false });
      },
    };
  });
}

/** The signed-in user, or null. */
export const selectUser = (s: Pick<SessionState, 'info'>): User | null => s.info?.user ?? null;
/** The signed-in user's role (undefined while signed out): what `mayCall` is asked with. */
export const selectRole = (s: Pick<SessionState, 'info'>): User['role'] | undefined => s.info?.user.role;

/** Seconds left before the engine takes sign-in tries again (0 when it does). */
export function selectRetryIn(s: Pick<SessionState, 'problem'>, now: number): number {
  return s.problem?.kind === 'rateLimited' ? Math.max(0, Math.ceil((s.problem.until - now) / 1000)) : 0;
}

export const useSessionStore = createSessionStore({
  api: desk,
  session: sessionClient,
  onSignedIn: () => desk.reconnectEvents(),
  // Another user's orders and filters must not linger in memory: start the page afresh.
  onUserSwitched: () => {
    if (typeof window !== 'undefined') window.location.reload();
  },
});
