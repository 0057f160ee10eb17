import { lazy, Suspense, type ComponentType } from 'react';
import { DESK_ROLES } from '../../../shared';
import { OrderDetailPanel } from '../features/order-detail/order-detail-panel';
import { OrderQueue } from '../features/orders/order-queue';
import type { MessageKey } from '../i18n/i18n';
import { useT } from '../i18n/locale.store';
import type { ViewNeeds } from './view-access';
import { useFirstWork } from '../lib/first-work';

/**
 * A view's code loaded when it is first opened (its own chunk): the desk's first bundle holds the
 * shell and the queue, so a planner's first page is not held up parsing every view and the map.
 */
function lazyView<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  return lazy<ComponentType>(async () => ({ default: (await load())[name] }));
}

const ChannelsView = lazyView(() => import('../features/channels/channels-view'), 'ChannelsView');
const ExceptionsView = lazyView(() => import('../features/exceptions/exceptions-view'), 'ExceptionsView');
const LiveMap = lazyView(() => import('../features/map/live-map'), 'LiveMap');
const ImportView = lazyView(() => import('../features/import/import-view'), 'ImportView');
const OrderEntryView = lazyView(() => import('../features/order-entry/order-entry-view'), 'OrderEntryView');
const InventoryView = lazyView(() => import('../features/inventory/inventory-view'), 'InventoryView');
const SourcingView = lazyView(() => import('../features/sourcing-profiles/sourcing-view'), 'SourcingView');
const UnroutableView = lazyView(() => import('../features/unroutable/unroutable-view'), 'UnroutableView');
const FloorView = lazyView(() => import('../features/floor/floor-view'), 'FloorView');
const UsersView = lazyView(() => import('../features/users/users-view'), 'UsersView');
const ApiKeysView = lazyView(() => import('../features/api-keys/api-keys-view'), 'ApiKeysView');
const AuditView = lazyView(() => import('../features/audit/audit-view'), 'AuditView');
const PrintersView = lazyView(() => import('../features/printing/printers-view'), 'PrintersView');
const LateBoardView = lazyView(() => import('../features/late-board/late-board-view'), 'LateBoardView');
const CarriersView = lazyView(() => import('../features/carriers/carriers-view'), 'CarriersView');
const NotifyAdminView = lazyView(() => import('../features/notify-admin/notify-admin-view'), 'NotifyAdminView');
const ReturnsView = lazyView(() => import('../features/returns/returns-view'), 'ReturnsView');

/**
 * The desk's views, in tab order. A feature adds its view here (one line): an id (also the
 * `data-testid="nav-<id>"` of its tab), the message key of its tab label, the endpoint it loads
 * (`needs`: a role that may not call it does not get the tab — `visibleViews`), and its component.
 * The tower — the live map with the order queue — is the home view of those who may read orders.
 */
export interface DeskView extends ViewNeeds {
  label: MessageKey;
  component: ComponentType;
}

/** The map's place while its code and locations wait for the queue's first page (first-work.ts). */
function MapPlaceholder() {
  const { t } = useT();
  return (
    <section className="panel map-panel" aria-busy="true" data-testid="live-map-waiting">
      <div className="map-status">{t('map.loading')}</div>
    </section>
  );
}

function TowerView() {
  const firstWorkShown = useFirstWork((s) => s.shown);
  return (
    <main className="tower">
      {firstWorkShown ? (
        <Suspense fallback={<MapPlaceholder />}>
          <LiveMap />
        </Suspense>
      ) : (
        <MapPlaceholder />
      )}
      <div className="work">
        <OrderQueue />
        <OrderDetailPanel />
      </div>
    </main>
  );
}

export const VIEWS: readonly DeskView[] = [
  // The whole network's queue and map is the central desk's; a store associate reads orders on their floor.
  { id: 'tower', label: 'nav.tower', needs: 'orders.list', roles: DESK_ROLES, component: TowerView },
  { id: 'exceptions', label: 'nav.exceptions', needs: 'inbox.list', component: ExceptionsView },
  { id: 'unroutable', label: 'nav.unroutable', needs: 'unroutable.list', component: UnroutableView },
  { id: 'late-board', label: 'nav.late-board', needs: 'shipping.lateBoard', component: LateBoardView },
  { id: 'floor', label: 'nav.floor', needs: 'floor.openFulfilments', component: FloorView },
  // Return approvals for the central desk; the returns counter (receive, inspect) for stores too.
  { id: 'returns', label: 'nav.returns', needs: 'returns.list', component: ReturnsView },
  { id: 'new-order', label: 'nav.new-order', needs: 'entry.submit', component: OrderEntryView },
  { id: 'import', label: 'nav.import', needs: 'imports.list', component: ImportView },
  { id: 'inventory', label: 'nav.inventory', needs: 'inventory.atp', component: InventoryView },
  { id: 'sourcing', label: 'nav.sourcing', needs: 'sourcing.profiles.list', component: SourcingView },
  { id: 'channels', label: 'nav.channels', needs: 'channels.list', component: ChannelsView },
  { id: 'users', label: 'nav.users', needs: 'users.list', component: UsersView },
  { id: 'api-keys', label: 'nav.api-keys', needs: 'apiKeys.list', component: ApiKeysView },
  { id: 'printers', label: 'nav.printers', needs: 'printing.savePrinter', component: PrintersView },
  // Carrier accounts are configured by admins; supervisors (who change carriers) read them.
  { id: 'carriers', label: 'nav.carriers', needs: 'carriers.list', roles: ['supervisor', 'admin'], component: CarriersView },
  // Customer messages' templates and merchant webhooks are configured by admins (the central desk's tab bar is full at 1366 px).
  { id: 'notifications', label: 'nav.notifications', needs: 'notifications.templates', roles: ['admin'], component: NotifyAdminView },
  { id: 'audit', label: 'nav.audit', needs: 'audit.list', component: AuditView },
];
