import type { ModuleContext } from '../../kernel/context';
import { ChannelPayloadError, type ChannelRefundReceipt, type ChannelRefundRequest } from '../../ports/channel.port';
import { channelDirectory } from './workflows/channel-directory';

/**
 * Refunds on a configured channel through its adapter (published: returns push their refunds
 * here). ChannelPayloadError when the channel is gone or its kind cannot refund; otherwise what the
 * adapter answers or throws (transient failures are the caller's to retry).
 */
export async function refundThroughChannel(
  ctx: Pick<ModuleContext, 'ds' | 'bus' | 'config'>,
  channelId: string,
  req: ChannelRefundRequest,
): Promise<ChannelRefundReceipt> {
  const live = await channelDirectory(ctx).get(channelId);
  if (!live) throw new ChannelPayloadError(`the order's channel ${channelId} no longer exists`);
  if (!live.adapter?.refund)
    throw new ChannelPayloadError(`channel "${live.account.name}" (${live.account.kind}) cannot refund through Atalaya`);
  return live.adapter.refund(live.account, req, { fetch, now: () => new Date() });
}
