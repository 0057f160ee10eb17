import { AppError } from '../../../shared';
import { defineModule } from '../../kernel/define-module';

/** The audit log. (Stub: the audit work fills it in.) */
export const auditModule = defineModule<'audit.list'>({
  name: 'audit',
  handlers: {
    'audit.list': async () => {
      throw new AppError('INTERNAL', 'audit: not built yet');
    },
  },
});
