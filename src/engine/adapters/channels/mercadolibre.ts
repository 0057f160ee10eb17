import { z } from 'zod';
import type { ChannelAccount, ChannelAdapter, ChannelIo, ChannelMessage } from '../../ports/channel.port';
import { ChannelPayloadError } from '../../ports/channel.port';
import { idLike, parsePayload } from './common-mapping';
import { callJson, jsonObjectBody, requireSecret, requireSetting, trimBase, tryJsonObject, UNAUTHORIZED } from './http-client';
import { mlOrderToDraft } from './mercadolibre-mapping';

/**
 * Mercado Libre `orders_v2` notifications. ML does not sign notifications; what identifies a
 * genuine one is our application id and the seller's user id (both must match the channel), and
 * the order is then read with the seller's OAuth token — a forged notification can only make us
 * fetch a real order of our own seller. Access tokens last 6 hours; on 401 we refresh, and since
 * ML rotates the refresh token on every use, both new tokens are saved before anything else.
 */

export const MlNotification = z.object({
  _id: z.string().nullish(),
  resource: z.string().trim().min(1),
  user_id: idLike,
  topic: z.string().trim().min(1),
  application_id: idLike,
  attempts: z.number().nullish(),
  sent: z.string().nullish(),
  received: z.string().nullish(),
});

const ORDER_TOPICS = new Set(['orders_v2', 'orders']);
const DEFAULT_API = 'https://api.mercadolibre.com';

const TokenResponse = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1), expires_in: z.number().nullish() });

const baseUrl = (account: ChannelAccount) => trimBase(account.settings.apiBaseUrl || DEFAULT_API);

interface Rotation {
  accessToken: string;
  refreshToken: string;
  at: number;
}
/**
 * Refreshes in flight or done in this process, by channel and the refresh token they used. ML
 * accepts a refresh token once, so workers interpreting notifications of one channel at the same
 * time must share one refresh instead of racing (the loser would get invalid_grant). Kept 10 min.
 * Only used when the io has no cross-node refresh lock (`ChannelIo.withRefreshLock`).
 */
const rotations = new Map<string, Promise<Rotation>>();
const ROTATION_TTL_MS = 10 * 60_000;

/** One interpret call's view of the tokens: refreshed at most once, saved as soon as ML rotates them. */
class MlSession {
  private token: string | undefined;
  private refreshed = false;
  constructor(
    private readonly account: ChannelAccount,
    private readonly io: ChannelIo,
  ) {
    this.token = account.secrets.accessToken || undefined;
  }

  async get(path: string, what: string): Promise<unknown> {
    if (!this.token) await this.refresh();
    for (;;) {
      const res = await callJson(
        this.io,
        {
          what,
          url: `${baseUrl(this.account)}${path}`,
          init: { headers: { authorization: `Bearer ${this.token}`, 'x-format-new': 'true' } },
          authHint: this.authHint(),
        },
        !this.refreshed,
      );
      if (res !== UNAUTHORIZED) return res;
      await this.refresh();
    }
  }

  private authHint(): string {
    return `Re-authorize the Atalaya app for seller ${this.account.settings.sellerId ?? '?'} in Mercado Libre and save the new refreshToken in the channel form.`;
  }

  private async refresh(): Promise<void> {
    const used = requireSecret(this.account, 'refreshToken');
    if (this.io.withRefreshLock) {
      // Across nodes: whoever holds the channel's lock refreshes; a node that waited finds the
      // refresh token already rotated in the stored secrets and uses the access token saved with it.
      const t = await this.io.withRefreshLock(async (stored) => {
        if (stored.refreshToken && stored.refreshToken !== used && stored.accessToken && stored.accessToken !== this.token) {
          return { accessToken: stored.accessToken, refreshToken: stored.refreshToken, at: Date.now() };
        }
        return this.rotate(stored.refreshToken || used);
      });
      this.token = t.accessToken;
      this.refreshed = true;
      return;
    }
    const key = `${this.account.id}:${used}`;
    let rotation = rotations.get(key);
    if (!rotation) {
      rotation = this.rotate(used);
      rotations.set(key, rotation);
      rotation.then(
        () => setTimeout(() => rotations.delete(key), ROTATION_TTL_MS).unref(),
        () => rotations.delete(key),
      );
    }
    const t = await rotation;
    this.token = t.accessToken;
    this.refreshed = true;
  }

  private async rotate(refreshToken: string): Promise<Rotation> {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: requireSetting(this.account, 'applicationId'),
      client_secret: requireSecret(this.account, 'clientSecret'),
      refresh_token: refreshToken,
    });
    let res: unknown;
    try {
      res = await callJson(this.io, {
        what: 'Mercado Libre token refresh',
        url: `${baseUrl(this.account)}/oauth/token`,
        init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
        authHint: this.authHint(),
      });
    } catch (e) {
      // ML answers 400 invalid_grant for a used or revoked refresh token: only a new authorization helps.
      if (e instanceof ChannelPayloadError)
        throw new ChannelPayloadError(`Mercado Libre refused the token refresh: ${e.message}. ${this.authHint()}`, [
          { path: 'secrets.refreshToken', message: 'refused by Mercado Libre' },
        ]);
      throw e;
    }
    const t = parsePayload(TokenResponse, res, 'Mercado Libre token response');
    const rotation = { accessToken: t.access_token, refreshToken: t.refresh_token, at: Date.now() };
    // Save before using it: the old refresh token is already dead, losing the new one would lock
    // the channel out, so a failing save is retried before giving up.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.io.saveSecrets({ accessToken: rotation.accessToken, refreshToken: rotation.refreshToken });
        return rotation;
      } catch (e) {
        if (attempt >= 3) throw e;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  }
}

export const mercadolibreAdapter: ChannelAdapter = {
  kind: 'mercadolibre',
  requiredSecrets: ['clientSecret', 'refreshToken'],
  requiredSettings: ['applicationId', 'sellerId'],

  verify(req, account) {
    const n = MlNotification.safeParse(tryJsonObject(req.rawBody));
    if (!n.success)
      return { ok: false, status: 400, reason: 'not a Mercado Libre notification (expected resource, user_id, topic, application_id)' };
    const { applicationId, sellerId } = account.settings;
    if (!applicationId || !sellerId)
      return {
        ok: false,
        status: 401,
        reason: `channel "${account.name}" needs applicationId and sellerId settings to recognise its notifications`,
      };
    if (n.data.application_id !== applicationId)
      return {
        ok: false,
        status: 401,
        reason: `notification for application ${n.data.application_id}, but this channel's applicationId is ${applicationId}`,
      };
    if (n.data.user_id !== sellerId)
      return { ok: false, status: 401, reason: `notification for seller ${n.data.user_id}, but this channel's sellerId is ${sellerId}` };
    const { _id, resource, sent, topic } = n.data;
    return { ok: true, dedupeKey: _id ? `mercadolibre:${_id}` : `mercadolibre:${resource}:${sent ?? ''}`, topic };
  },

  async interpret(req, account, io): Promise<ChannelMessage[]> {
    const n = parsePayload(MlNotification, jsonObjectBody(req, 'Mercado Libre notification'), 'Mercado Libre notification');
    if (!ORDER_TOPICS.has(n.topic))
      return [{ type: 'ignore', reason: `Mercado Libre topic ${n.topic} is not an order topic Atalaya uses` }];
    const m = /^\/orders\/(\d+)$/.exec(n.resource);
    if (!m)
      throw new ChannelPayloadError(`Mercado Libre notification: resource ${n.resource} is not /orders/{id}`, [
        { path: 'resource', message: 'expected /orders/{id}' },
      ]);
    const orderId = m[1]!;
    const session = new MlSession(account, io);
    const order = await session.get(`/orders/${orderId}`, `Mercado Libre order ${orderId}`);
    const status = (order as { status?: unknown } | null)?.status;
    if (status === 'cancelled') return [{ type: 'order.cancel', externalId: orderId, reason: 'cancelled in Mercado Libre' }];
    const shipmentId = (order as { shipping?: { id?: unknown } } | null)?.shipping?.id;
    const shipment =
      typeof shipmentId === 'number' || (typeof shipmentId === 'string' && shipmentId)
        ? await session.get(`/shipments/${encodeURIComponent(String(shipmentId))}`, `Mercado Libre shipment ${shipmentId}`)
        : undefined;
    return [{ type: 'order.upsert', draft: mlOrderToDraft(order, shipment) }];
  },
};
