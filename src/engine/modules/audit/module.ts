import { defineModule } from '../../kernel/define-module';
import { listAudit } from './audit.store';

/**
 * The audit log: who did what, through which session, with what outcome. Rows are appended by the
 * dispatcher (every command by a person or an integrator, every refused call) and by the identity
 * service (sign-ins, sign-outs, setup); this module reads them for supervisors and admins.
 */
export const auditModule = defineModule<'audit.list'>({
  name: 'audit',
  handlers: {
    'audit.list': (ctx, q) => listAudit(ctx.ds.manager, q),
  },
});
