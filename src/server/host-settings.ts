import { readFileSync } from 'node:fs';
import type { HttpAppOptions } from './http-app';
import { oidcFromEnv } from './oidc';
import { allowedHostsFrom } from './origin-policy';

/**
 * The web host's doors as the environment sets them, for both hosts:
 * `ATALAYA_ALLOWED_HOSTS` (names the host answers to besides loopback), `ATALAYA_TLS_CERT` +
 * `ATALAYA_TLS_KEY` (PEM files: serve https), `ATALAYA_TRUST_PROXY` (read the client address from
 * X-Forwarded-For: `true` for any proxy, or the proxy's addresses, comma-separated) and the `ATALAYA_OIDC_*` sign-in.
 * A bad value stops start-up with a message naming the variable.
 */
export function hostSettingsFromEnv(env: NodeJS.ProcessEnv): Pick<HttpAppOptions, 'allowedHosts' | 'tls' | 'trustProxy' | 'oidc'> {
  const cert = env.ATALAYA_TLS_CERT;
  const key = env.ATALAYA_TLS_KEY;
  if (Boolean(cert) !== Boolean(key)) throw new Error('TLS needs both ATALAYA_TLS_CERT and ATALAYA_TLS_KEY (PEM files); one is missing');
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (e) {
      throw new Error(`${name}: cannot read ${path} (${e instanceof Error ? e.message : String(e)})`, { cause: e });
    }
  };
  const proxy = env.ATALAYA_TRUST_PROXY?.trim();
  return {
    allowedHosts: allowedHostsFrom(env.ATALAYA_ALLOWED_HOSTS),
    tls: cert && key ? { cert: read('ATALAYA_TLS_CERT', cert), key: read('ATALAYA_TLS_KEY', key) } : undefined,
    trustProxy: !proxy || proxy === 'false' ? false : proxy === 'true' ? true : proxy.split(',').map((a) => a.trim()),
    oidc: oidcFromEnv(env),
  };
}

/** The banner's warning when the host listens on every interface but answers only loopback names. */
export function allInterfacesWarning(host: string, env: NodeJS.ProcessEnv): string | null {
  if ((host === '0.0.0.0' || host === '::') && !env.ATALAYA_ALLOWED_HOSTS)
    return `Warning: HOST=${host} listens on every interface, but only localhost, 127.0.0.1 and [::1] are answered — set ATALAYA_ALLOWED_HOSTS to the names people use (e.g. desk.example.com)`;
  return null;
}
