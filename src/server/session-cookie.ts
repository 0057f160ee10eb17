import type { FastifyReply, FastifyRequest } from 'fastify';

/** The web desk's session cookie (tests/support/sessions.ts sends the same name). */
export const SESSION_COOKIE = 'atalaya_session';
/**
 * Under TLS the cookie is `__Host-atalaya_session`: the browser accepts that name only from a
 * secure origin, with Path=/ and no Domain, so a sibling subdomain or a plain-http page cannot plant
 * or overwrite it. Over TLS only that name is read.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export const sessionCookieName = (tls: boolean): string => (tls ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

/** The session token the request carries, if any (the cookie is read, never trusted: the engine decides). */
export function sessionTokenOf(req: FastifyRequest, tls: boolean): string | undefined {
  const token = req.cookies[sessionCookieName(tls)];
  return token ? token : undefined;
}

/**
 * Sets the session cookie: HttpOnly (page script never sees it), SameSite=Strict (no other site's
 * page makes the browser send it), Path=/, Secure under TLS; it lives as long as the session may
 * (the absolute lifetime — the idle expiry is the engine's to enforce).
 */
export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, tls: boolean): void {
  reply.setCookie(sessionCookieName(tls), token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: tls,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, tls: boolean): void {
  reply.clearCookie(sessionCookieName(tls), { httpOnly: true, sameSite: 'strict', path: '/', secure: tls });
}
