import { useChannelsStore } from '../features/channels/channels.store';
import { useExceptionsStore } from '../features/exceptions/exceptions.store';
import { useLocationsStore } from '../features/map/locations.store';
import { useOrderDetailStore } from '../features/order-detail/order-detail.store';
import { useOrdersStore } from '../features/orders/orders.store';
import { selectOutage, useSystemStore } from '../features/header/system.store';
import { useInventoryStore } from '../features/inventory/inventory.store';
import { selectRole, useSessionStore } from '../features/session/session.store';
import { DESK_ROLES, mayCall, type Role } from '../../../shared';
import { afterFirstWork, firstWorkShown } from '../lib/first-work';
import { desk, type DeskEvent } from './desk-client';
import { liveHub } from './live-hub';

/** Whether the role works the whole network's queue (the tower): only then are the global order stores loaded. */
const worksTheQueue = (role: string | undefined) => (DESK_ROLES as readonly string[]).includes(role ?? '');

/**
 * Routes one live event (or the resync) to every global store that shows what it changed; each store
 * throttles its own refetches (a frame's events come through {@link routeBatch}). Views with their own store hear the same hub through `useLiveEvents`.
 * Only the stores the signed-in role may load are refreshed (an admin has no order queue).
 */
export function routeEvent(e: DeskEvent, role?: Role): void {
  switch (e.type) {
    case 'order.changed':
      if (worksTheQueue(role)) useOrdersStore.getState().orderEventReceived(e);
      useOrderDetailStore.getState().orderEventReceived(e);
      useLocationsStore.getState().locationsEventReceived(e.locationId);
      return;
    case 'locations.changed':
      // A location paused, resumed or edited: shown at once, not after the map's numbers' next refresh.
      void useLocationsStore.getState().refreshRequested();
      return;
    case 'inbox.changed':
      if (mayCall(role, 'inbox.list')) useExceptionsStore.getState().inboxEventReceived();
      if (mayCall(role, 'channels.list')) useChannelsStore.getState().channelsEventReceived();
      return;
    case 'channels.changed':
      if (mayCall(role, 'channels.list')) useChannelsStore.getState().channelsEventReceived();
      return;
    case 'inventory.changed':
      useInventoryStore.getState().inventoryEventReceived(e);
      return;
    case 'desk.resync':
      if (mayCall(role, 'inbox.list')) useExceptionsStore.getState().refreshRequested();
      if (mayCall(role, 'channels.list')) useChannelsStore.getState().refreshRequested();
      if (worksTheQueue(role)) void useOrdersStore.getState().refreshRequested();
      void useLocationsStore.getState().refreshRequested();
      void useOrderDetailStore.getState().refreshRequested();
      void useSystemStore.getState().healthPolled();
      return;
  }
}

type OrderChanged = Extract<DeskEvent, { type: 'order.changed' }>;

/**
 * Routes a frame's events (the live hub's batch) to the global stores: the order events go to the queue
 * and the map in one update each, so a burst re-renders them once; the rest go one by one (they are
 * rare, and each store throttles its refetches). A resync in the batch refetches everything once.
 */
export function routeBatch(events: readonly DeskEvent[], role?: Role): void {
  const orders: OrderChanged[] = [];
  const places: (string | null)[] = [];
  let locationsChanged = false;
  for (const e of events) {
    if (e.type === 'order.changed') {
      orders.push(e);
      places.push(e.locationId);
    } else if (e.type === 'locations.changed') locationsChanged = true;
    else routeEvent(e, role);
  }
  if (locationsChanged) void useLocationsStore.getState().refreshRequested();
  if (orders.length > 0) {
    if (worksTheQueue(role)) useOrdersStore.getState().orderEventsReceived(orders);
    const detail = useOrderDetailStore.getState();
    const shown = orders.find((e) => e.orderId === detail.selectedId);
    if (shown) detail.orderEventReceived(shown);
  }
  if (places.length > 0) useLocationsStore.getState().locationsEventsReceived(places);
}

export const HEALTH_POLL_MS = 10_000;
/** While the database or the queue is away, health is asked this often, so the desk unlocks soon after it returns. */
export const OUTAGE_POLL_MS = 2_000;

/**
 * The queue's first page is asked for the moment the session says who is at the desk, before the
 * desk renders (the render and its effects take a while on a slow machine); the same ask from
 * {@link startLiveDesk} then joins this read. Returns the unsubscribe.
 */
export function askFirstPageOnSignIn(): () => void {
  return useSessionStore.subscribe((s, prev) => {
    if (s.status === 'signedIn' && prev.status !== 'signedIn' && worksTheQueue(selectRole(s)))
      useOrdersStore.getState().firstPageRequested();
  });
}

/** Loads the desk of the signed-in role and keeps it live; returns the teardown. */
export function startLiveDesk(role: Role | undefined): () => void {
  const system = useSystemStore.getState();
  void system.settingsRequested();
  void system.healthPolled();
  // The queue's first page first; the map's locations after it (first-work.ts). A role with no queue has no first work to wait for.
  if (worksTheQueue(role)) useOrdersStore.getState().firstPageRequested();
  else firstWorkShown();
  const offLocations = afterFirstWork(() => void useLocationsStore.getState().refreshRequested());
  const offEvents = liveHub.subscribeBatch((events) => routeBatch(events, role));
  const offConnection = desk.onConnection((s) => useSystemStore.getState().connectionChanged(s));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pollLater = () => {
    if (stopped) return;
    const every = selectOutage(useSystemStore.getState()) ? OUTAGE_POLL_MS : HEALTH_POLL_MS;
    timer = setTimeout(() => void useSystemStore.getState().healthPolled().finally(pollLater), every);
  };
  pollLater();
  return () => {
    stopped = true;
    offLocations();
    offEvents();
    offConnection();
    clearTimeout(timer);
  };
}
