import { z } from 'zod';
import { CarrierError, type CarrierAccountConfig, type CarrierIo, type HttpRequest, type HttpResponse } from '../../ports/carrier.port';

/**
 * Bearer-token calls with an OAuth refresh on 401 (RFC 6749 §6), for carriers whose access tokens
 * expire: Mercado Libre (6 h, refresh token rotated on every use) and Melhor Envio (30 days, refresh
 * token 45 days). A 401 refreshes once per session and repeats the call; a second 401, or a refused
 * refresh, is a CarrierError `auth` naming what the integrator must do. The rotated pair is saved with
 * `io.saveSecrets` before it is used: the old refresh token is already dead, so losing the new one
 * would lock the account out.
 */

export interface RefreshSpec {
  /** The carrier's name in messages ("Mercado Libre"). */
  carrier: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** How the token endpoint takes its parameters: ML wants a form, Melhor Envio takes JSON too. */
  body: 'form' | 'json';
  /** What a person does when the refresh is refused (re-authorize the app …). */
  reauthorize: string;
  /** Extra headers the carrier requires on every call (Melhor Envio: User-Agent). */
  headers?: Record<string, string>;
}

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).nullish(),
  expires_in: z.number().nullish(),
});

interface Rotation {
  accessToken: string;
  refreshToken: string;
}

/**
 * Refreshes in flight or done in this process, by account and the refresh token they used: workers
 * of one account that hit a 401 together share one refresh instead of racing (a carrier that rotates
 * refresh tokens accepts each only once, so the loser would be locked out). Kept 10 minutes, by then
 * the engine reads the saved pair.
 */
const rotations = new Map<string, Promise<Rotation>>();
const ROTATION_TTL_MS = 10 * 60_000;

async function rotate(account: CarrierAccountConfig, io: CarrierIo, spec: RefreshSpec, refreshToken: string): Promise<Rotation> {
  const params = {
    grant_type: 'refresh_token',
    client_id: spec.clientId,
    client_secret: spec.clientSecret,
    refresh_token: refreshToken,
  };
  const res = await io.http.request({
    what: `${spec.carrier} token refresh`,
    method: 'POST',
    url: spec.tokenUrl,
    headers: {
      ...spec.headers,
      accept: 'application/json',
      'content-type': spec.body === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
    },
    body: spec.body === 'form' ? new URLSearchParams(params).toString() : JSON.stringify(params),
    // A refused refresh (invalid_grant) is read here, to say what to do about it.
    okStatuses: [400, 401, 403],
  });
  if (res.status !== 200 && res.status !== 201) {
    const detail = res.text().replace(/\s+/g, ' ').trim().slice(0, 200);
    throw new CarrierError(
      `${spec.carrier} refused the token refresh (${res.status}${detail ? `: ${detail}` : ''}). ${spec.reauthorize}`,
      'auth',
    );
  }
  const parsed = TokenAnswer.safeParse(res.json());
  if (!parsed.success) throw new CarrierError(`${spec.carrier} token refresh: the answer has no access_token`, 'protocol');
  const rotation = { accessToken: parsed.data.access_token, refreshToken: parsed.data.refresh_token ?? refreshToken };
  for (let attempt = 1; ; attempt += 1) {
    try {
      await io.saveSecrets({ accessToken: rotation.accessToken, refreshToken: rotation.refreshToken });
      return rotation;
    } catch (e) {
      if (attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

function sharedRotation(account: CarrierAccountConfig, io: CarrierIo, spec: RefreshSpec, refreshToken: string): Promise<Rotation> {
  const key = `${account.id}:${refreshToken}`;
  let rotation = rotations.get(key);
  if (!rotation) {
    rotation = rotate(account, io, spec, refreshToken);
    rotations.set(key, rotation);
    rotation.then(
      () => setTimeout(() => rotations.delete(key), ROTATION_TTL_MS).unref(),
      () => rotations.delete(key),
    );
  }
  return rotation;
}

/** One adapter call's view of an account's bearer token: refreshed at most once. */
export class BearerSession {
  private token: string | undefined;
  private refreshed = false;

  /** `refresh` null: a long-lived token without refresh (a 401 is `auth` at once). `headers` go on every call. */
  constructor(
    private readonly account: CarrierAccountConfig,
    private readonly io: CarrierIo,
    private readonly refresh: RefreshSpec | null,
    private readonly missingToken: string,
    private readonly headers: Record<string, string> = refresh?.headers ?? {},
  ) {
    this.token = account.secrets.accessToken?.trim() || undefined;
  }

  /** The request with `Authorization: Bearer …`; a 401 refreshes the token (once) and repeats it. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    if (!this.token) {
      if (!this.refresh || !this.account.secrets.refreshToken) throw new CarrierError(this.missingToken, 'auth');
      await this.renew();
    }
    const mayRefresh = this.refresh !== null && !this.refreshed && !req.okStatuses?.includes(401);
    const res = await this.io.http.request({
      ...req,
      headers: { ...this.headers, ...req.headers, authorization: `Bearer ${this.token!}` },
      okStatuses: mayRefresh ? [...(req.okStatuses ?? []), 401] : req.okStatuses,
    });
    if (res.status !== 401 || !mayRefresh) return res;
    await this.renew();
    return this.request(req);
  }

  private async renew(): Promise<void> {
    const spec = this.refresh!;
    const refreshToken = this.account.secrets.refreshToken?.trim();
    if (!refreshToken)
      throw new CarrierError(
        `${spec.carrier}: the access token was refused and the account has no refreshToken. ${spec.reauthorize}`,
        'auth',
      );
    this.refreshed = true;
    this.token = (await sharedRotation(this.account, this.io, spec, refreshToken)).accessToken;
  }
}
