import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as oidc from 'openid-client';
import { AppError } from '../shared';
import type { Engine } from '../engine';
import { clientMeta, endPresentedSession } from './session-routes';
import { setSessionCookie } from './session-cookie';

export const OIDC_START_PATH = '/api/v1/session/oidc';
export const OIDC_CALLBACK_PATH = '/api/v1/session/oidc/callback';
const FLOW_COOKIE = 'atalaya_oidc';
/** A sign-in at the identity provider must come back within this long. */
const FLOW_TTL_MS = 10 * 60 * 1000;

/** Sign-in through the company's identity provider (OpenID Connect, authorization code + PKCE). */
export interface OidcOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The desk's external URL; the provider sends the browser back to `<publicUrl>/api/v1/session/oidc/callback`. */
  publicUrl: string;
  /** The sign-in page's button text. */
  label: string;
  /** Tests only (a loopback provider on http): openid-client refuses plain-http issuers otherwise. Never set from the environment. */
  allowInsecureRequests?: boolean;
}

/**
 * OIDC from `ATALAYA_OIDC_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET`, `ATALAYA_PUBLIC_URL` (and `ATALAYA_OIDC_LABEL`);
 * undefined when none is set, an error naming what is missing when only some are.
 */
export function oidcFromEnv(env: NodeJS.ProcessEnv): OidcOptions | undefined {
  const names = ['ATALAYA_OIDC_ISSUER', 'ATALAYA_OIDC_CLIENT_ID', 'ATALAYA_OIDC_CLIENT_SECRET', 'ATALAYA_PUBLIC_URL'] as const;
  const missing = names.filter((n) => !env[n]);
  if (missing.length === names.length) return undefined;
  if (missing.length)
    throw new Error(`OIDC sign-in is half configured: set ${missing.join(', ')} too (or unset the ATALAYA_OIDC_* variables)`);
  for (const n of ['ATALAYA_OIDC_ISSUER', 'ATALAYA_PUBLIC_URL'] as const)
    if (!/^https?:\/\//.test(env[n]!)) throw new Error(`${n} must be a URL (https://…), not "${env[n]}"`);
  return {
    issuer: env.ATALAYA_OIDC_ISSUER!,
    clientId: env.ATALAYA_OIDC_CLIENT_ID!,
    clientSecret: env.ATALAYA_OIDC_CLIENT_SECRET!,
    publicUrl: env.ATALAYA_PUBLIC_URL!,
    label: env.ATALAYA_OIDC_LABEL || 'Sign in with your company account',
  };
}

interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  expires: number;
}

/**
 * `GET /api/v1/session/oidc` sends the browser to the provider with PKCE, state and nonce; what
 * they were stays here, in memory, under a random key the browser holds in a short-lived HttpOnly
 * cookie (SameSite=Lax: it must come back on the provider's top-level redirect). The callback
 * verifies the answer (openid-client: state, PKCE, the ID token's signature, issuer, audience and
 * nonce), lets the engine find the user (`signInExternal`), sets the session cookie and goes to `/`.
 * Every failure goes to `/?signin=<code>` for the sign-in page to explain.
 */
export function oidcRoutes(engine: Engine, o: OidcOptions, host: { tls: boolean }) {
  const flows = new Map<string, Flow>();
  const redirectUri = new URL(OIDC_CALLBACK_PATH, o.publicUrl).href;
  const secureFlowCookie = new URL(o.publicUrl).protocol === 'https:';
  let config: Promise<oidc.Configuration> | undefined;
  // Discovered on first use, so the desk starts while the provider is away; a failure is retried next time.
  const configuration = () =>
    (config ??= oidc
      .discovery(
        new URL(o.issuer),
        o.clientId,
        o.clientSecret,
        undefined,
        o.allowInsecureRequests ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((e: unknown) => {
        config = undefined;
        throw e;
      }));

  const back = (reply: FastifyReply, code: string) => reply.redirect(`/?signin=${encodeURIComponent(code)}`, 302);
  const sweep = (now: number) => {
    for (const [k, f] of flows) if (f.expires < now) flows.delete(k);
  };

  return async (scope: FastifyInstance) => {
    scope.get(OIDC_START_PATH, async (req, reply) => {
      let cfg: oidc.Configuration;
      try {
        cfg = await configuration();
      } catch (e) {
        req.log.warn({ err: e }, 'OIDC: the identity provider could not be reached');
        return back(reply, 'provider_unreachable');
      }
      const now = Date.now();
      sweep(now);
      const flow: Flow = {
        verifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        expires: now + FLOW_TTL_MS,
      };
      const key = randomBytes(32).toString('base64url');
      flows.set(key, flow);
      reply.setCookie(FLOW_COOKIE, key, {
        httpOnly: true,
        sameSite: 'lax',
        path: OIDC_CALLBACK_PATH,
        secure: secureFlowCookie,
        maxAge: FLOW_TTL_MS / 1000,
      });
      const url = oidc.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      return reply.redirect(url.href, 302);
    });

    scope.get(OIDC_CALLBACK_PATH, async (req, reply) => {
      const key = req.cookies[FLOW_COOKIE];
      const flow = key ? flows.get(key) : undefined;
      if (key) flows.delete(key); // one use, whatever happens
      reply.clearCookie(FLOW_COOKIE, { path: OIDC_CALLBACK_PATH });
      if (!flow || flow.expires < Date.now()) return back(reply, 'expired');
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      if (new URLSearchParams(query).get('error')) return back(reply, 'denied');
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(await configuration(), new URL(`${redirectUri}${query}`), {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (e) {
        req.log.warn({ err: e }, 'OIDC: the answer of the identity provider was refused');
        return back(reply, 'failed');
      }
      if (!claims) return back(reply, 'failed');
      try {
        await endPresentedSession(engine, req, host.tls);
        const signedIn = await engine.identity.signInExternal(
          {
            issuer: claims.iss,
            subject: claims.sub,
            email: typeof claims.email === 'string' && claims.email_verified !== false ? claims.email : undefined,
            name: typeof claims.name === 'string' ? claims.name : undefined,
          },
          clientMeta(req),
        );
        setSessionCookie(reply, signedIn.token, engine.identity.sessionPolicy.absoluteSeconds, host.tls);
        return reply.redirect('/', 302);
      } catch (e) {
        if (e instanceof AppError && e.code === 'UNAUTHORIZED') return back(reply, 'unknown_user');
        if (e instanceof AppError && e.code === 'RATE_LIMITED') return back(reply, 'rate_limited');
        throw e;
      }
    });
  };
}
