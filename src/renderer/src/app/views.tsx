import type { ComponentType } from 'react';
import { DESK_ROLES } from '../../../shared';
import { ChannelsView } from '../features/channels/channels-view';
import { ExceptionsView } from '../features/exceptions/exceptions-view';
import { LiveMap } from '../features/map/live-map';
import { OrderDetailPanel } from '../features/order-detail/order-detail-panel';
import { OrderQueue } from '../features/orders/order-queue';
import { ImportView } from '../features/import/import-view';
import { OrderEntryView } from '../features/order-entry/order-entry-view';
import { InventoryView } from '../features/inventory/inventory-view';
import { SourcingView } from '../features/sourcing-profiles/sourcing-view';
import { UnroutableView } from '../features/unroutable/unroutable-view';
import { FloorView } from '../features/floor/floor-view';
import { UsersView } from '../features/users/users-view';
import { ApiKeysView } from '../features/api-keys/api-keys-view';
import { AuditView } from '../features/audit/audit-view';
import { PrintersView } from '../features/printing/printers-view';
import { LateBoardView } from '../features/late-board/late-board-view';
import { CarriersView } from '../features/carriers/carriers-view';
import { NotifyAdminView } from '../features/notify-admin/notify-admin-view';
import { ReturnsView } from '../features/returns/returns-view';
import type { MessageKey } from '../i18n/i18n';
import type { ViewNeeds } from './view-access';

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

function TowerView() {
  return (
    <main className="tower">
      <LiveMap />
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
