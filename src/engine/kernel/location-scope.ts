import { actsOnLocation, AppError, type Actor } from '../../shared';

/**
 * Store associates see and act on their own locations' work only (`Actor.locations`); every other
 * role sees the whole network. These helpers say it the same way everywhere; the stores take the
 * list from {@link locationScope} and filter in SQL.
 */

/** The locations a caller is limited to: null for every role but associate (the whole network); an associate with none sees nothing. */
export function locationScope(actor: Actor): readonly string[] | null {
  return actor.role === 'associate' ? (actor.locations ?? []) : null;
}

const worksAt = (actor: Actor) =>
  actor.locations?.length ? `You work at ${actor.locations.join(', ')}` : 'You are not assigned to any location yet (an admin adds yours)';

/** FORBIDDEN unless the caller works at `locationId` (associates; others always may). */
export function assertWorksAt(actor: Actor, locationId: string, path = 'locationId'): void {
  if (actsOnLocation(actor, locationId)) return;
  throw new AppError('FORBIDDEN', `${worksAt(actor)}; this is ${locationId}`, [
    { path, message: `pick one of your locations${actor.locations?.length ? `: ${actor.locations.join(', ')}` : ''}` },
  ]);
}

/** FORBIDDEN unless one of `locationIds` (where an order is fulfilled) is the caller's. */
export function assertWorksAtOneOf(actor: Actor, locationIds: readonly string[], what: string): void {
  if (actor.role !== 'associate' || locationIds.some((l) => actsOnLocation(actor, l))) return;
  throw new AppError(
    'FORBIDDEN',
    `${worksAt(actor)}; ${what} is ${locationIds.length ? `at ${locationIds.join(', ')}` : 'not at any location yet'}`,
  );
}
