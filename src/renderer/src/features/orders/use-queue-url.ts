import { useEffect } from 'react';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { useOrdersStore } from './orders.store';
import { fromQueueHash, QUEUE_ROUTE, sameQuery, toQueueHash } from './queue-url';

/**
 * Keeps the address and the queue in step: on load (and on back/forward, or a pasted link) the
 * hash sets the filters, sort, page and the open order; afterwards every change writes the hash —
 * a new history entry when the open order changes (so Back returns to the previous one), the same
 * entry when only the filters or sort change.
 */
export function useQueueUrl(): void {
  useEffect(() => {
    let applying = false;
    const apply = () => {
      const loc = fromQueueHash(window.location.hash || QUEUE_ROUTE);
      if (!loc) return;
      applying = true;
      try {
        const orders = useOrdersStore.getState();
        if (!sameQuery(orders.query, loc.query)) orders.queryRestored(loc.query);
        const detail = useOrderDetailStore.getState();
        if (loc.orderId && loc.orderId !== detail.selectedId) detail.orderSelected(loc.orderId);
        else if (!loc.orderId && detail.selectedId) detail.closed();
      } finally {
        applying = false;
      }
    };
    const write = () => {
      if (applying) return;
      const orderId = useOrderDetailStore.getState().selectedId;
      const hash = toQueueHash({ query: useOrdersStore.getState().query, orderId });
      if (hash === window.location.hash) return;
      const shown = fromQueueHash(window.location.hash || QUEUE_ROUTE);
      if ((shown?.orderId ?? null) !== orderId) window.history.pushState(null, '', hash);
      else window.history.replaceState(null, '', hash);
    };
    apply();
    const offQuery = useOrdersStore.subscribe((s, prev) => s.query !== prev.query && write());
    const offOrder = useOrderDetailStore.subscribe((s, prev) => s.selectedId !== prev.selectedId && write());
    window.addEventListener('popstate', apply);
    window.addEventListener('hashchange', apply);
    return () => {
      offQuery();
      offOrder();
      window.removeEventListener('popstate', apply);
      window.removeEventListener('hashchange', apply);
    };
  }, []);
}
