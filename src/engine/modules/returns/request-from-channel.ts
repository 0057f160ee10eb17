import { AppError, type Actor, type FieldIssue, type Return } from '../../../shared';
import type { ModuleContext } from '../../kernel/context';
import { channelKey, findOrderByChannelKey } from '../orders/order.store';
import { readReturnSettings } from './return-facts.store';
import { readReturn } from './returns.store';
import { requestReturn } from './workflows/request-return';

/** A return a channel sent, its SKUs already Atalaya's (the channels module mapped them). */
export interface ChannelReturn {
  channelId: string;
  externalOrderId: string;
  externalReturnId: string;
  name?: string;
  lines: readonly { sku: string; quantity: number; reason: string; note?: string }[];
}

const UNIQUE_VIOLATION = '23505';

/**
 * A return the customer asked for on a channel (published for the channels module's inbox): the
 * order found by the channel's order id, the channel's reasons turned into the list's codes
 * (`channelReasons` in the return settings), lines of one SKU added together, and the request
 * decided by the policy like any other — the customer ships it back (no label printed at a
 * station). The channel's return id makes a second delivery a no-op. Answers null while the order
 * has not arrived yet (the inbox retries); a reason the settings cannot place is VALIDATION_FAILED
 * naming the fix.
 */
export async function requestReturnFromChannel(
  ctx: Pick<ModuleContext, 'ds' | 'config'>,
  input: ChannelReturn,
  actor: Actor,
): Promise<{ orderId: string; ret: Return; created: boolean } | null> {
  const orderId = await findOrderByChannelKey(ctx.ds.manager, channelKey('api', input.channelId), input.externalOrderId);
  if (!orderId) return null;
  const key = `${input.channelId}:${input.externalReturnId}`;
  const existing = async () => {
    const rows: { id: string }[] = await ctx.ds.manager.query(`SELECT id FROM returns WHERE channel_return_key = $1`, [key]);
    return rows[0] ? readReturn(ctx.ds.manager, { id: rows[0].id }) : null;
  };
  const before = await existing();
  if (before) return { orderId, ret: before, created: false };

  const settings = await readReturnSettings(ctx.ds.manager);
  const codes = new Set(settings.reasons.map((r) => r.code));
  const issues: FieldIssue[] = [];
  const bySku = new Map<string, { sku: string; quantity: number; reason: string }>();
  input.lines.forEach((l, i) => {
    const reason = codes.has(l.reason) ? l.reason : settings.channelReasons[l.reason];
    if (!reason || !codes.has(reason)) {
      issues.push({
        path: `lines.${i}.reason`,
        message: `the channel's reason "${l.reason}" is not a return reason: map it in the return settings (channelReasons.${l.reason} → one of ${[...codes].join(', ')})`,
      });
      return;
    }
    const had = bySku.get(l.sku);
    bySku.set(l.sku, { sku: l.sku, quantity: (had?.quantity ?? 0) + l.quantity, reason: had?.reason ?? reason });
  });
  if (issues.length)
    throw new AppError('VALIDATION_FAILED', `The channel's return ${input.name ?? input.externalReturnId} cannot be placed`, issues);

  const notes = [
    `${actor.name}: ${input.name ?? input.externalReturnId}`,
    ...input.lines.flatMap((l) => (l.note ? [`${l.sku}: ${l.note}`] : [])),
  ]
    .join('\n')
    .slice(0, 2_000);
  try {
    const ret = await requestReturn(
      ctx,
      {
        orderId,
        lines: [...bySku.values()].map((l) => ({ ...l, condition: 'opened' as const })),
        method: 'carrier_label',
        resolution: 'refund',
        notes,
        photos: [],
        printLabel: false,
      },
      actor,
      new Date(),
      key,
    );
    return { orderId, ret, created: true };
  } catch (e) {
    // Two deliveries of the same return at once: the other made it.
    const code = (e as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
    const again = code === UNIQUE_VIOLATION ? await existing() : null;
    if (again) return { orderId, ret: again, created: false };
    throw e;
  }
}
