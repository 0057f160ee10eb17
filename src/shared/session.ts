import type { ErrorBody } from './errors';
import type { SessionInfo } from './identity.contract';

/**
 * Signing in, for both desks. The web desk uses HTTP (`/api/v1/session…`, a cookie the page never
 * reads); the Electron desk uses `window.atalaya.session` (the main process keeps the token). The
 * renderer sees only these shapes; the session token never reaches page script.
 *
 * HTTP routes (src/server):
 * - `GET /api/v1/session/options` → {@link SessionOptions}
 * - `POST /api/v1/session` `{ username, password }` → 200 {@link SessionInfo} (+ Set-Cookie) | 401 | 429 (Retry-After)
 * - `DELETE /api/v1/session` → 204 (the cookie is cleared)
 * - `POST /api/v1/setup` `{ token, username, displayName, password }` → 200 {@link SessionInfo} (+ Set-Cookie) | 401
 * - `GET /api/v1/session/oidc` → 302 to the identity provider (when configured); it comes back to
 *   `/api/v1/session/oidc/callback`, which sets the cookie and redirects to `/`.
 * The desk's own session: `session.me` through the contract.
 */
export interface SessionOptions {
  /** No admin exists yet: the desk shows the first-run setup form (the token comes from the link printed at start). */
  setupPending: boolean;
  /** Sign-in through the company's identity provider, when configured (web desk). */
  oidc: { label: string } | null;
}

export interface SetupInput {
  token: string;
  username: string;
  displayName: string;
  password: string;
}

export type SessionReply = { ok: true; session: SessionInfo } | { ok: false; error: ErrorBody['error'] };

/** What the Electron preload exposes as `window.atalaya.session` (the web desk does the same over HTTP). */
export interface SessionBridge {
  options(): Promise<SessionOptions>;
  signIn(username: string, password: string): Promise<SessionReply>;
  setup(input: SetupInput): Promise<SessionReply>;
  signOut(): Promise<void>;
}
