import { SessionInfoSchema, type SessionBridge, type SessionOptions, type SessionReply, type SetupInput } from '../../../shared';
import { errorFromBody, unreachableError } from './engine-error';

/**
 * Signing in and out, the same for both desks (`src/shared/session.ts`): the web desk over HTTP
 * (the session is an HttpOnly cookie — the page never holds the token), the Electron desk through
 * `window.atalaya.session` (the main process holds it). Who is signed in is `session.me`, through
 * the desk client like any endpoint.
 */
export interface SessionClient extends SessionBridge {
  /** Where "Sign in with <provider>" goes (the web desk's OIDC route); null where there is none (Electron). */
  readonly oidcUrl: string | null;
}

const unreachable = (e: unknown): SessionReply => ({
  ok: false,
  error: { code: 'UNAVAILABLE', message: unreachableError(e).message },
});

/** The web desk's session routes, on the page's own origin, with the browser keeping the cookie. */
export function createHttpSessionClient(origin: string): SessionClient {
  const url = (path: string) => new URL(path, origin).toString();
  const send = async (method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<Response> =>
    fetch(url(path), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const reply = async (res: Response): Promise<SessionReply> => {
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const e = errorFromBody(res.status, body, res.headers.get('Retry-After'));
      return {
        ok: false,
        error: {
          code: e.code as never,
          message: e.message,
          ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
        },
      };
    }
    const parsed = SessionInfoSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: { code: 'INTERNAL', message: 'The engine answered a sign-in outside the contract' } };
    return { ok: true, session: parsed.data };
  };
  return {
    oidcUrl: url('/api/v1/session/oidc'),
    async options(): Promise<SessionOptions> {
      const res = await fetch(url('/api/v1/session/options'), { credentials: 'same-origin' });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw errorFromBody(res.status, body, res.headers.get('Retry-After'));
      const o = (body ?? {}) as Partial<SessionOptions>;
      return { setupPending: o.setupPending === true, oidc: o.oidc && typeof o.oidc.label === 'string' ? { label: o.oidc.label } : null };
    },
    async signIn(username, password) {
      try {
        return await reply(await send('POST', '/api/v1/session', { username, password }));
      } catch (e) {
        return unreachable(e);
      }
    },
    async setup(input: SetupInput) {
      try {
        return await reply(await send('POST', '/api/v1/setup', input));
      } catch (e) {
        return unreachable(e);
      }
    },
    async signOut() {
      await send('DELETE', '/api/v1/session').catch(() => undefined);
    },
  };
}

/** The Electron desk's session: the preload's bridge, answers as they come (the main process parsed them). */
export function sessionFromBridge(bridge: SessionBridge): SessionClient {
  return {
    oidcUrl: null,
    options: () => bridge.options(),
    signIn: (username, password) => bridge.signIn(username, password).catch(unreachable),
    setup: (input) => bridge.setup(input).catch(unreachable),
    signOut: () => bridge.signOut(),
  };
}

/** The desk's session client, chosen as the desk client is: the bridge in Electron, else HTTP to the page's origin. */
export const sessionClient: SessionClient =
  typeof window !== 'undefined' && window.atalaya?.session
    ? sessionFromBridge(window.atalaya.session)
    : createHttpSessionClient(typeof window !== 'undefined' ? window.location.href : 'http://localhost/');
