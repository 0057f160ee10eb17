import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { deskCsp } from '../shared';

/** `deskCsp`'s policy as helmet's directives (one policy, written once in src/shared/csp.ts). */
export function cspDirectives(policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name] = values;
  }
  return out;
}

/**
 * Headers on every answer, the desk page and the API alike: the desk's CSP (no inline or remote
 * scripts, no framing), nosniff, no referrer, and HSTS only when this host serves TLS itself
 * (on plain http a browser would ignore it; behind a TLS proxy the proxy sets it).
 */
export async function registerSecurityHeaders(app: FastifyInstance, o: { tileUrl?: string; tls: boolean }): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(deskCsp({ tileUrl: o.tileUrl })) },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: o.tls ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    // The desk loads nothing cross-origin but map tiles, which are images (not subject to CORP on our side).
    crossOriginEmbedderPolicy: false,
  });
}
