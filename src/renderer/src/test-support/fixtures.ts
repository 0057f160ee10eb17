import type { Order, SessionInfo, User } from '../../../shared';

/** An order header as the contract answers it (commands such as orders.advance or fulfilment.reject return one). */
export const anOrder = (over: Partial<Order> = {}): Order => ({
  id: 'o1',
  number: 7,
  channel: 'web',
  externalId: 'W-7',
  status: 'sourced',
  customer: { name: 'Ana' },
  shipTo: { line1: 'Calle 1', city: 'Rosario', country: 'AR', lat: -32.9, lng: -60.6 },
  currency: 'ARS',
  totalUnits: 2,
  totalAmount: 100,
  locationId: 'l1',
  locationName: 'Tienda',
  unfillableReason: null,
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
  ...over,
});

/** A user as the identity contract answers one. */
export const aUser = (over: Partial<User> = {}): User => ({
  id: 'u1',
  username: 'paula',
  displayName: 'Paula Planner',
  role: 'planner',
  locations: [],
  disabled: false,
  external: false,
  createdAt: '2026-01-01T10:00:00Z',
  lastSignInAt: null,
  ...over,
});

/** A signed-in session of `user`. */
export const aSession = (user: Partial<User> = {}): SessionInfo => ({
  user: aUser(user),
  expiresAt: '2026-01-02T10:00:00Z',
  idleTimeoutSeconds: 1800,
});
