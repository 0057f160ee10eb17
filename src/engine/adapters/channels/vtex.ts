import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type ChannelAccount, type ChannelAdapter, type ChannelMessage, ChannelPayloadError } from '../../ports/channel.port';
import { parsePayload } from './common-mapping';
import { callJson, header, jsonObjectBody, requireSecret, requireSetting, secretsMatch, trimBase, tryJsonObject } from './http-client';
import { vtexOrderToDraft } from './vtex-mapping';

/**
 * VTEX order hook. The hook (`POST /api/orders/hook/config`) posts a small notification naming
 * the order; VTEX does not sign it, so the hook is configured with a header carrying a shared
 * secret (`hook.headers`: by default `X-Atalaya-Hook-Key: <hookKey>`), and the notification's
 * `Origin.Account` must be this channel's account. The order itself is then read from the OMS API,
 * and so is whether it is cancelled: the notification's `State` only labels the inbox row.
 */

const DEFAULT_KEY_HEADER = 'x-atalaya-hook-key';

export const VtexNotification = z.object({
  Domain: z.string().nullish(),
  OrderId: z.string().trim().min(1),
  State: z.string().trim().min(1),
  LastState: z.string().nullish(),
  LastChange: z.string().nullish(),
  CurrentChange: z.string().nullish(),
  Origin: z.object({ Account: z.string().trim().min(1), Key: z.string().nullish() }),
});

const isPing = (body: Record<string, unknown> | undefined) => body?.hookConfig === 'ping';

export function vtexBaseUrl(account: ChannelAccount): string {
  if (account.settings.apiBaseUrl) return trimBase(account.settings.apiBaseUrl);
  const name = requireSetting(account, 'account');
  const environment = account.settings.environment || 'vtexcommercestable';
  // Both go into the host name our app key and token are sent to: letters, digits and dashes only.
  for (const [field, v] of [
    ['account', name],
    ['environment', environment],
  ] as const) {
    if (!/^[a-z0-9-]{1,63}$/i.test(v))
      throw new ChannelPayloadError(`channel "${account.name}": the VTEX ${field} "${v}" may contain only letters, digits and dashes`, [
        { path: `settings.${field}`, message: 'letters, digits and dashes only' },
      ]);
  }
  return `https://${name}.${environment}.com.br`;
}

export const vtexAdapter: ChannelAdapter = {
  kind: 'vtex',
  requiredSecrets: ['hookKey', 'appKey', 'appToken'],
  requiredSettings: ['account'],
  secretHeaders: (account) => [account.settings.hookHeader || DEFAULT_KEY_HEADER],

  verify(req, account) {
    const body = tryJsonObject(req.rawBody);
    // VTEX pings the URL when the hook is saved and refuses to save it unless we answer 200; the ping creates nothing.
    if (isPing(body)) return { ok: true, dedupeKey: `vtex:ping:${createHash('sha256').update(req.rawBody).digest('hex')}`, topic: 'ping' };
    const keyHeader = (account.settings.hookHeader || DEFAULT_KEY_HEADER).toLowerCase();
    const given = header(req, keyHeader);
    if (!given) return { ok: false, status: 401, reason: `missing ${keyHeader} header (configure it in the VTEX hook's headers)` };
    if (!account.secrets.hookKey)
      return {
        ok: false,
        status: 401,
        reason: `channel "${account.name}" has no hookKey; set it to the value of the hook's ${keyHeader} header`,
      };
    if (!secretsMatch(account.secrets.hookKey, given))
      return { ok: false, status: 401, reason: `${keyHeader} does not match this channel's hookKey` };
    const n = VtexNotification.safeParse(body);
    if (!n.success)
      return { ok: false, status: 400, reason: 'not a VTEX order hook notification (expected OrderId, State and Origin.Account)' };
    const expected = account.settings.account;
    if (!expected || n.data.Origin.Account.toLowerCase() !== expected.toLowerCase()) {
      return {
        ok: false,
        status: 401,
        reason: `notification for VTEX account ${n.data.Origin.Account}, but this channel is ${expected ?? '(no account set)'}`,
      };
    }
    const { OrderId, State, CurrentChange } = n.data;
    return { ok: true, dedupeKey: `vtex:${OrderId}:${State}:${CurrentChange ?? ''}`, topic: `order.${State}` };
  },

  async interpret(req, account, io): Promise<ChannelMessage[]> {
    const body = jsonObjectBody(req, 'VTEX hook');
    if (isPing(body)) return [{ type: 'ignore', reason: 'VTEX hook configuration ping' }];
    const n = parsePayload(VtexNotification, body, 'VTEX hook notification');
    const url = `${vtexBaseUrl(account)}/api/oms/pvt/orders/${encodeURIComponent(n.OrderId)}`;
    const order = await callJson(io, {
      what: `VTEX order ${n.OrderId}`,
      url,
      init: {
        headers: {
          'content-type': 'application/json',
          'x-vtex-api-appkey': requireSecret(account, 'appKey'),
          'x-vtex-api-apptoken': requireSecret(account, 'appToken'),
        },
      },
      authHint: `Check the channel's appKey and appToken: the VTEX application key must be active and its role must allow OMS "View order" on account ${account.settings.account ?? '?'}.`,
    });
    const status = (order as { status?: unknown } | null)?.status;
    if (status === 'canceled' || status === 'cancel') return [{ type: 'order.cancel', externalId: n.OrderId, reason: 'canceled in VTEX' }];
    return [{ type: 'order.upsert', draft: vtexOrderToDraft(order) }];
  },
};
