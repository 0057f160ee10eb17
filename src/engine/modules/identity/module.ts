import type { identityContract } from '../../../shared';
import type { Db } from '../../db/data-source';
import { defineModule } from '../../kernel/define-module';
import type { ModuleContext } from '../../kernel/context';
import { startPeriodic } from '../../kernel/periodic';
import { identityHandlers } from './identity.handlers';
import { pruneSessions, pruneSetupTokens } from './session.store';
import { THROTTLE } from './throttle';
import { pruneFailures } from './throttle.store';

/** Ended and expired sessions are kept this long after their absolute expiry (the audit log keeps the sign-ins for good). */
export const SESSION_RETENTION_DAYS = 30;

/** Drops what no longer counts: failures out of the throttling window, long-expired sessions and setup tokens. */
export async function pruneIdentity(ds: Db): Promise<void> {
  await pruneFailures(ds.manager, THROTTLE.windowSeconds * 2);
  await pruneSessions(ds.manager, SESSION_RETENTION_DAYS);
  await pruneSetupTokens(ds.manager, 7);
}

export function startIdentityPruner(ctx: ModuleContext, everyMs = 5 * 60_000): { stop(): Promise<void> } {
  return startPeriodic(ctx.log, 'identity pruner', everyMs, () => pruneIdentity(ctx.ds));
}

/** Users, sessions and API keys (the hosts sign people in through `createIdentity`, identity-service.ts). */
export const identityModule = defineModule<Exclude<keyof typeof identityContract, 'audit.list'>>({
  name: 'identity',
  handlers: identityHandlers,
  loops: (ctx) => [startIdentityPruner(ctx)],
});
