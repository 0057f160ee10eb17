import { AppError, type Actor, type ExceptionClaim, type ExceptionKind, type ExceptionOwner } from '../../../shared';
import { inTransaction, type Db } from '../../db/data-source';
import { auditNote } from '../../kernel/audit';
import { announceClaim, dropClaim, lockClaim, putClaim } from './exception-claims.store';
import { findExceptionItem } from './exception-items.store';

const heldBy = (o: ExceptionOwner) => `${o.name} has had it since ${o.takenAt}`;

/**
 * "I take it": the item becomes the actor's. Someone else's item is refused (ALREADY_TAKEN) unless
 * a supervisor takes it over on purpose (`steal`); a planner asking to take over is refused
 * (FORBIDDEN). An item no module lists any more cannot be taken (NOT_FOUND), and its stale claim goes.
 */
export async function takeException(
  ds: Db,
  input: { kind: ExceptionKind; refId: string; steal: boolean },
  actor: Actor,
): Promise<ExceptionClaim> {
  const { kind, refId } = input;
  const item = await findExceptionItem(ds.manager, kind, refId);
  if (!item) {
    await dropClaim(ds.manager, kind, refId);
    throw new AppError('NOT_FOUND', `Nothing of kind ${kind} with id ${refId} waits for a person (it was dealt with)`);
  }
  return inTransaction(ds, async (m) => {
    auditNote({ subject: `exception:${kind}:${refId}`, ...(item.orderId ? { orderId: item.orderId } : {}) });
    let holder = await lockClaim(m, kind, refId);
    if (!holder) {
      const mine = await putClaim(m, kind, refId, actor, null);
      if (mine) {
        auditNote({ before: null, after: mine });
        await announceClaim(m, kind, refId);
        return { kind, refId, owner: mine };
      }
      // Someone took it in the meantime: decide against them.
      holder = await lockClaim(m, kind, refId);
      if (!holder) throw new AppError('ALREADY_TAKEN', `Someone else took ${kind} ${refId} just now; reload the inbox`);
    }
    if (holder.userId === actor.id) return { kind, refId, owner: holder };
    if (!input.steal) {
      throw new AppError('ALREADY_TAKEN', `${heldBy(holder)}; ask them, or a supervisor may take it over`);
    }
    if (actor.role !== 'supervisor') {
      throw new AppError('FORBIDDEN', `Only a supervisor may take over an item someone else holds (${heldBy(holder)})`);
    }
    const owner = await putClaim(m, kind, refId, actor, holder.userId);
    auditNote({ before: holder, after: owner });
    await announceClaim(m, kind, refId);
    return { kind, refId, owner };
  });
}

/** Gives an item back: the holder's own, or anyone's by a supervisor. Releasing an item nobody holds changes nothing. */
export async function releaseException(ds: Db, input: { kind: ExceptionKind; refId: string }, actor: Actor): Promise<ExceptionClaim> {
  return inTransaction(ds, async (m) => {
    const { kind, refId } = input;
    auditNote({ subject: `exception:${kind}:${refId}` });
    const holder = await lockClaim(m, kind, refId);
    if (!holder) return { kind, refId, owner: null };
    if (holder.userId !== actor.id && actor.role !== 'supervisor') {
      throw new AppError('ALREADY_TAKEN', `${heldBy(holder)}; only they or a supervisor may release it`);
    }
    await dropClaim(m, kind, refId);
    auditNote({ before: holder, after: null });
    await announceClaim(m, kind, refId);
    return { kind, refId, owner: null };
  });
}
