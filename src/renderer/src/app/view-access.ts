import { mayCall, STAFF_ROLES, type Endpoint, type Role } from '../../../shared';

/** What the tabs need to know of a view to decide who sees it. */
export interface ViewNeeds {
  id: string;
  /** The endpoint the view loads: a role that may not call it does not see the tab. */
  needs: Endpoint;
  /** Narrower than `needs` when the view is a place for some roles only (the tower: the central desk). */
  roles?: readonly Role[];
}

/** The views a role may open, in tab order. Machines (integrators, the engine) have no desk. */
export function visibleViews<V extends ViewNeeds>(views: readonly V[], role: string | undefined): V[] {
  if (!(STAFF_ROLES as readonly string[]).includes(role ?? '')) return [];
  return views.filter((v) => mayCall(role, v.needs) && (!v.roles || v.roles.some((r) => r === role)));
}

/** Where a role lands: an associate on their floor, an admin on Users, everyone else on the first view they may open (the tower). */
export function landingView<V extends ViewNeeds>(views: readonly V[], role: string | undefined): V | undefined {
  const visible = visibleViews(views, role);
  const preferred = role === 'associate' ? 'floor' : role === 'admin' ? 'users' : null;
  return visible.find((v) => v.id === preferred) ?? visible[0];
}
