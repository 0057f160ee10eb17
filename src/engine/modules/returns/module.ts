import type { returnsContract } from '../../../shared';
import { inTransaction } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import { defineModule } from '../../kernel/define-module';
import { SYSTEM_ACTOR } from '../../kernel/context';
import { startPeriodic } from '../../kernel/periodic';
import { expireReturns } from './workflows/approved';
import { returnsFromCarrier } from './workflows/returned-to-sender';
import { pushChannelRefunds } from './workflows/channel-refunds';
import { buyReturnLabels, watchReturnParcels } from './workflows/carrier-labels';
import { readReturnSettings, writeReturnSettings } from './return-facts.store';
import { listReturns, readEvents, readReturn } from './returns.store';
import { decideReturns } from './workflows/decide-returns';
import { cancelReturn, inspectReturn, receiveReturn } from './workflows/receive-inspect';
import { requestReturn } from './workflows/request-return';

/** Returns: request (decided by the policy), approvals, receipt into returns stock, inspection and disposition, refund. */
export const returnsModule = defineModule<keyof typeof returnsContract>({
  name: 'returns',
  handlers: {
    'returns.request': (ctx, input, actor) => requestReturn(ctx, input, actor),
    // A store associate lists the returns of their locations; the central desk all of them.
    'returns.list': (ctx, input, actor) =>
      listReturns(ctx.ds.manager, { ...input, ...(actor.role === 'associate' ? { locationIds: actor.locations ?? [] } : {}) }),
    // By number, as scanned at any counter: a parcel may come back to another store than planned.
    'returns.get': async (ctx, input) => {
      const r = await readReturn(ctx.ds.manager, input);
      return r ? { return: r, events: await readEvents(ctx.ds.manager, r.id) } : null;
    },
    'returns.decide': (ctx, input, actor) => decideReturns(ctx, input, actor),
    'returns.receive': (ctx, input, actor) => receiveReturn(ctx, input, actor),
    'returns.inspect': (ctx, input, actor) => inspectReturn(ctx, input, actor),
    'returns.cancel': (ctx, input, actor) => cancelReturn(ctx, input, actor),
    'returns.settings': (ctx) => readReturnSettings(ctx.ds.manager),
    'returns.saveSettings': async (ctx, settings, actor) => {
      const before = await inTransaction(ctx.ds, (m) => writeReturnSettings(m, settings, actor.name));
      auditNote({ subject: 'return settings', before, after: settings });
      return settings;
    },
  },
  // Approved returns whose label ran out: expired (checked every minute).
  loops: (ctx) => [
    startPeriodic(ctx.log, 'return label expiry', 60_000, () =>
      inTransaction(ctx.ds, (m) => expireReturns(m, SYSTEM_ACTOR)).then(() => undefined),
    ),
    // Parcels the carrier brings back undelivered become returns to receive (checked every 30 s).
    startPeriodic(ctx.log, 'returns from carriers', 30_000, () => returnsFromCarrier(ctx, SYSTEM_ACTOR).then(() => undefined)),
    // Refunds pushed to the orders' channels (Shopify), with retries (every 10 s).
    startPeriodic(ctx.log, 'channel refunds', 10_000, () => pushChannelRefunds(ctx, SYSTEM_ACTOR).then(() => undefined)),
    // Return labels bought from the return carrier and sent to the customer (every 5 s).
    startPeriodic(ctx.log, 'return labels', 5_000, () => buyReturnLabels(ctx, SYSTEM_ACTOR).then(() => undefined)),
    // Parcels under a return label, until the carrier's first scan (every 2 min).
    startPeriodic(ctx.log, 'return parcels', 120_000, () => watchReturnParcels(ctx, SYSTEM_ACTOR).then(() => undefined)),
  ],
});
