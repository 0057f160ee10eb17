import { createHash } from 'node:crypto';
import { CarrierError, type CarrierAccountConfig, type CarrierIo, type HttpRequest, type HttpResponse } from '../../ports/carrier.port';

/**
 * Andreani API v2 authentication (developers.andreani.com, "Autenticación"): `GET /login` with HTTP
 * Basic (the API user and password Andreani gives the client) answers the token in the response
 * header `x-authorization-token`; every other call sends it back in the same header. The token lasts
 * 24 h. It is kept per account in this process's memory (never stored: it is cheap to get again) and
 * refreshed once when a call answers 401 — a token Andreani revoked early, or one from before the
 * account's password changed.
 */

export const ANDREANI_DEFAULT_BASE_URL = 'https://apis.andreani.com';
/** Andreani's tokens last 24 h; we stop using one an hour early so a long batch never straddles the end. */
const TOKEN_TTL_MS = 23 * 3_600_000;

interface Token {
  value: string;
  expiresAt: number;
}

/** Tokens by account (and credentials: a changed password is another key), and logins in flight. */
const tokens = new Map<string, Token>();
const logins = new Map<string, Promise<Token>>();

export function andreaniBaseUrl(account: CarrierAccountConfig): string {
  return (account.settings.baseUrl?.trim() || ANDREANI_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** A setting the account must have, or a CarrierError that names it and says where it comes from. */
export function andreaniSetting(account: CarrierAccountConfig, key: string, what: string): string {
  const v = account.settings[key]?.trim();
  if (!v) {
    throw new CarrierError(`Andreani account "${account.name}" has no ${key}: set ${what} in the carrier account's settings`, 'invalid');
  }
  return v;
}

function secret(account: CarrierAccountConfig, key: 'username' | 'password'): string {
  const v = account.secrets[key];
  if (!v) {
    throw new CarrierError(
      `Andreani account "${account.name}" has no ${key}: enter the API ${key === 'username' ? 'user' : 'password'} Andreani gave you (not the web portal's) in the carrier account form`,
      'auth',
    );
  }
  return v;
}

function cacheKey(account: CarrierAccountConfig): string {
  return createHash('sha256')
    .update(`${account.id}\n${andreaniBaseUrl(account)}\n${account.secrets.username ?? ''}\n${account.secrets.password ?? ''}`)
    .digest('hex');
}

/** What one adapter call needs to talk to Andreani: authenticated requests against the account's base URL. */
export class AndreaniSession {
  readonly baseUrl: string;
  private readonly key: string;

  constructor(
    private readonly account: CarrierAccountConfig,
    private readonly io: CarrierIo,
  ) {
    this.baseUrl = andreaniBaseUrl(account);
    this.key = cacheKey(account);
  }

  /** A call with the token; on 401 with a token from an earlier call, logs in again once and repeats it. */
  async request(req: Omit<HttpRequest, 'url'> & { path: string }): Promise<HttpResponse> {
    const { path, ...rest } = req;
    const send = (token: Token) =>
      this.io.http.request({
        ...rest,
        url: `${this.baseUrl}${path}`,
        headers: { accept: 'application/json', ...rest.headers, 'x-authorization-token': token.value },
      });
    const cached = this.cached();
    if (!cached) return send(await this.login());
    try {
      return await send(cached);
    } catch (e) {
      if (!(e instanceof CarrierError) || e.kind !== 'auth') throw e;
      // A 401 answers before anything is done, so repeating even a create is safe.
      if (tokens.get(this.key) === cached) tokens.delete(this.key);
      return send(await this.login());
    }
  }

  private cached(): Token | undefined {
    const t = tokens.get(this.key);
    return t && t.expiresAt > this.io.now().getTime() ? t : undefined;
  }

  /** One login per account at a time: calls that find the token missing together share it. */
  private login(): Promise<Token> {
    let p = logins.get(this.key);
    if (!p) {
      p = this.doLogin().finally(() => logins.delete(this.key));
      logins.set(this.key, p);
    }
    return p;
  }

  private async doLogin(): Promise<Token> {
    const basic = Buffer.from(`${secret(this.account, 'username')}:${secret(this.account, 'password')}`, 'utf8').toString('base64');
    let res: HttpResponse;
    try {
      res = await this.io.http.request({
        what: `Andreani login for account "${this.account.name}"`,
        method: 'GET',
        url: `${this.baseUrl}/login`,
        headers: { authorization: `Basic ${basic}`, accept: 'application/json' },
      });
    } catch (e) {
      if (e instanceof CarrierError && e.kind === 'auth') {
        throw new CarrierError(
          `Andreani refused the user and password of account "${this.account.name}" (401): check the API user and password in the carrier account form, and that they are for ${this.baseUrl} (QA and production credentials differ)`,
          'auth',
        );
      }
      throw e;
    }
    // The token comes in a header; some gateways also echo it in the body ({ token }), read as a fallback.
    let value = res.headers.get('x-authorization-token') ?? undefined;
    if (!value) {
      try {
        const body = res.json() as { token?: unknown };
        if (typeof body?.token === 'string') value = body.token;
      } catch {
        // no body token either: reported below
      }
    }
    if (!value) {
      throw new CarrierError(`Andreani login answered ${res.status} without an x-authorization-token header`, 'protocol');
    }
    const token = { value, expiresAt: this.io.now().getTime() + TOKEN_TTL_MS };
    tokens.set(this.key, token);
    return token;
  }
}
