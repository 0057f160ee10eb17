import type { ComponentType } from 'react';
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
import type { MessageKey } from '../i18n/i18n';

/**
 * The desk's views, in tab order. A feature adds its view here (one line): an id (also the
 * `data-testid="nav-<id>"` of its tab), the message key of its tab label, and its component.
 * The tower — the live map with the order queue — is the home view.
 */
export interface DeskView {
  id: string;
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
  { id: 'tower', label: 'nav.tower', component: TowerView },
  { id: 'exceptions', label: 'nav.exceptions', component: ExceptionsView },
  { id: 'unroutable', label: 'nav.unroutable', component: UnroutableView },
  { id: 'floor', label: 'nav.floor', component: FloorView },
  { id: 'new-order', label: 'nav.new-order', component: OrderEntryView },
  { id: 'import', label: 'nav.import', component: ImportView },
  { id: 'inventory', label: 'nav.inventory', component: InventoryView },
  { id: 'sourcing', label: 'nav.sourcing', component: SourcingView },
  { id: 'channels', label: 'nav.channels', component: ChannelsView },
];
