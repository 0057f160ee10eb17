import { AppError, type identityContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';

const todo = async (): Promise<never> => {
  throw new AppError('INTERNAL', 'identity: not built yet');
};

/** Users, sessions and API keys. (Stub: the identity work fills it in.) */
export const identityModule = defineModule<Exclude<keyof typeof identityContract, 'audit.list'>>({
  name: 'identity',
  handlers: {
    'session.me': todo,
    'session.changePassword': todo,
    'users.list': todo,
    'users.create': todo,
    'users.update': todo,
    'users.resetPassword': todo,
    'apiKeys.list': todo,
    'apiKeys.create': todo,
    'apiKeys.revoke': todo,
  },
});
