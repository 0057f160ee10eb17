/**
 * Who acts on the engine. Every endpoint of the contract names the roles that may call it, next to
 * its schemas; the engine's role check, the preload's endpoint list and the desk's "may I show this
 * button" all read it from there.
 *
 * - planner: the central desk — order queues, exceptions, imports, assisted entry.
 * - supervisor: a planner who may also override sourcing, activate profiles, approve above thresholds.
 * - associate: store or DC staff, scoped to one or more locations (`Actor.locations`).
 * - integrator: machines with an API key (inventory feeds, order reads); never a desk.
 * - admin: users, channels, API keys, printers, settings; no orders or customer data.
 * - system: the engine acting on its own.
 */
export const ROLES = ['planner', 'supervisor', 'associate', 'integrator', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a person signs in with (users.create offers these). */
export const STAFF_ROLES = ['planner', 'supervisor', 'associate', 'admin'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is doing something: recorded on every event of an order's timeline and in the audit log. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  /**
   * The locations a store associate works at: the engine shows and lets them act on these only.
   * Absent for every other role (they see every location).
   */
  locations?: readonly string[];
  /** The id (never the token) of the session a person acts through; recorded in the audit log. */
  session?: string;
}

/** Every role: desks, integrations and the engine itself. */
export const ANY_ROLE: readonly Role[] = ROLES;
/** Every person at a desk, whatever their role. */
export const ANY_STAFF: readonly Role[] = STAFF_ROLES;
/** The central desk: planners and supervisors. */
export const DESK_ROLES: readonly Role[] = ['planner', 'supervisor'];
/** Decisions reserved to supervisors (overrides, sourcing profiles, approvals above thresholds). */
export const SUPERVISOR_ONLY: readonly Role[] = ['supervisor'];
/** Configuration: users, channels, API keys, printers, settings. */
export const ADMIN_ONLY: readonly Role[] = ['admin'];
/** The floor of a store or DC, and the desk acting on its behalf. */
export const FLOOR_ROLES: readonly Role[] = ['associate', 'planner', 'supervisor'];
/** Machine feeds (POS/WMS/ERP) and the engine. */
export const FEED_ROLES: readonly Role[] = ['integrator', 'system'];
/** Who may read orders (customer data): the desks, associates (their locations' orders only), integrators, the engine. */
export const ORDER_READERS: readonly Role[] = ['planner', 'supervisor', 'associate', 'integrator', 'system'];

/** Whether the actor may see or act on a location's work (associates: only their own locations). */
export function actsOnLocation(actor: Actor, locationId: string): boolean {
  return actor.role !== 'associate' || (actor.locations ?? []).includes(locationId);
}
