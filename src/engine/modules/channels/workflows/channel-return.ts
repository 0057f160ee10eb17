import { AppError, type Actor } from '../../../../shared';
import type { ModuleContext } from '../../../kernel/context';
import { ChannelPayloadError, type ChannelReturnRequest } from '../../../ports/channel.port';
import type { ChangeOutcome } from '../../orders/channel-changes';
import { requestReturnFromChannel } from '../../returns/request-from-channel';
import { mapAndCheckSkus, unknownSkuMessage } from '../normalise-draft';

/**
 * A return the channel sent: its SKUs mapped as an order's are (an unknown one is a field issue
 * naming the fix), then requested through the returns module. The order may not have arrived yet
 * (null: the inbox retries); a reason the return settings cannot place, an item not on the order,
 * quarantine the row with the fix — after the fix, a replay takes it.
 */
export async function applyChannelReturn(
  ctx: ModuleContext,
  channelId: string,
  request: ChannelReturnRequest,
  actor: Actor,
): Promise<ChangeOutcome | null> {
  const { skuMap, known } = await mapAndCheckSkus(ctx.ds, channelId, [...new Set(request.lines.map((l) => l.channelSku))]);
  const issues = request.lines.flatMap((l, i) => {
    const sku = skuMap.get(l.channelSku) ?? l.channelSku;
    return known.has(sku) ? [] : [{ path: `lines.${i}.channelSku`, message: unknownSkuMessage(l.channelSku, true) }];
  });
  if (issues.length)
    throw new ChannelPayloadError(`return ${request.name ?? request.externalReturnId} names items Atalaya does not know`, issues);
  try {
    const done = await requestReturnFromChannel(
      ctx,
      {
        channelId,
        externalOrderId: request.externalOrderId,
        externalReturnId: request.externalReturnId,
        ...(request.name ? { name: request.name } : {}),
        lines: request.lines.map((l) => ({ ...l, sku: skuMap.get(l.channelSku) ?? l.channelSku })),
      },
      actor,
    );
    if (!done) return null;
    return {
      status: 'processed',
      orderId: done.orderId,
      note: done.created ? `return R-${done.ret.number}` : `return R-${done.ret.number} (already made)`,
    };
  } catch (e) {
    // The return cannot be placed as sent (a reason, an item not delivered on this order): a person fixes it and replays.
    if (e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'NOT_FOUND'))
      throw new ChannelPayloadError(`return ${request.name ?? request.externalReturnId}: ${e.message}`, e.issues ?? []);
    throw e;
  }
}
