import { AppError } from '../../../shared';
import type { Identity } from '../../engine.types';
import type { ModuleContext } from '../../kernel/context';

/** The engine's identity service for the hosts (sign-in, sessions, setup, API keys). (Stub: the identity work fills it in.) */
export function createIdentity(_ctx: ModuleContext): Identity {
  const todo = async (): Promise<never> => {
    throw new AppError('INTERNAL', 'identity: not built yet');
  };
  return {
    pendingSetupToken: todo,
    completeSetup: todo,
    signIn: todo,
    signInExternal: todo,
    authenticate: todo,
    signOut: todo,
    authenticateKey: todo,
    sessionPolicy: { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 },
  };
}
