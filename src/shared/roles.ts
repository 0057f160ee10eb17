/**
 * Who acts on the engine. Every endpoint of the contract names the roles that may call it, next to
 * its schemas; the engine's role check, the preload's endpoint list and the desk's "may I show this
 * button" all read it from there.
 */
export const ROLES = ['planner', 'supervisor', 'associate', 'integrator', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Who is doing something: recorded on every event of an order's timeline. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** Every role: desks, integrations and the engine itself. */
export const ANY_ROLE: readonly Role[] = ROLES;
/** The central desk: planners and supervisors. */
export const DESK_ROLES: readonly Role[] = ['planner', 'supervisor'];
/** Decisions reserved to supervisors (overrides, channel secrets, sourcing profiles). */
export const SUPERVISOR_ONLY: readonly Role[] = ['supervisor'];
/** The floor of a store or DC, and the desk acting on its behalf. */
export const FLOOR_ROLES: readonly Role[] = ['associate', 'planner', 'supervisor'];
/** Machine feeds (POS/WMS/ERP) and the engine. */
export const FEED_ROLES: readonly Role[] = ['integrator', 'system'];
