import type { exceptionsContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';
import { releaseException, takeException } from './claim-exception';
import { listExceptionItems } from './exception-items.store';

/**
 * The one exception inbox: everything that waits for a person — quarantined channel messages,
 * unroutable orders, store rejections, shipment alerts, late orders, failed customer messages,
 * returns to review, failed prints — read from each module's own SQL in one query, each with its
 * SLA timer and who took it. The actions on an item stay its module's (replay, retry, resend…).
 */
export const exceptionsModule = defineModule<keyof typeof exceptionsContract>({
  name: 'exceptions',
  handlers: {
    'exceptions.list': (ctx, q, actor) => listExceptionItems(ctx.ds.manager, q, actor.id),
    'exceptions.take': (ctx, input, actor) => takeException(ctx.ds, input, actor),
    'exceptions.release': (ctx, input, actor) => releaseException(ctx.ds, input, actor),
  },
});
