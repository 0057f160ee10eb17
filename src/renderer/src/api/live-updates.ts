import { useChannelsStore } from '../features/channels/channels.store';
import { useExceptionsStore } from '../features/exceptions/exceptions.store';
import { useLocationsStore } from '../features/map/locations.store';
import { useOrderDetailStore } from '../features/order-detail/order-detail.store';
import { useOrdersStore } from '../features/orders/orders.store';
import { selectOutage, useSystemStore } from '../features/header/system.store';
import { useInventoryStore } from '../features/inventory/inventory.store';
import { DESK_ROLES, mayCall, type Role } from '../../../shared';
import { desk, type DeskEvent } from './desk-client';
import { liveHub } from './live-hub';

/** Whether the role works the whole network's queue (the tower): only then are the global order stores loaded. */
const worksTheQueue = (role: string | undefined) => (DESK_ROLES as readonly string[]).includes(role ?? '');

/**
 * Routes one live event (or the resync) to every global store that shows what it changed; each store
 * throttles its own refetches. Views with their own store hear the same hub through `useLiveEvents`.
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
      useLocationsStore.getState().locationsEventReceived();
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

export const HEALTH_POLL_MS = 10_000;
/** While the database or the queue is away, health is asked this often, so the desk unlocks soon after it returns. */
export const OUTAGE_POLL_MS = 2_000;

/** Loads the desk of the signed-in role and keeps it live; returns the teardown. */
export function startLiveDesk(role: Role | undefined): () => void {
  const system = useSystemStore.getState();
  void system.settingsRequested();
  void system.healthPolled();
  if (worksTheQueue(role)) useOrdersStore.getState().refreshRequested();
  void useLocationsStore.getState().refreshRequested();
  const offEvents = liveHub.subscribe((e) => routeEvent(e, role));
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
    offEvents();
    offConnection();
    clearTimeout(timer);
  };
}
