import { useEffect } from 'react';
import { startLiveDesk } from './api/live-updates';
import { HeaderBar } from './features/header/header-bar';
import { LiveMap } from './features/map/live-map';
import { useOrderDetailStore } from './features/order-detail/order-detail.store';
import { OrderDetailPanel } from './features/order-detail/order-detail-panel';
import { OrderQueue } from './features/orders/order-queue';
import { useLocaleStore } from './i18n/locale.store';

/** The control tower: the live map (main view), the order queue, and the detail of one order over the queue. */
export function App() {
  const locale = useLocaleStore((s) => s.locale);
  useEffect(() => startLiveDesk(), []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement)) useOrderDetailStore.getState().closed();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="app">
      <HeaderBar />
      <main className="tower">
        <LiveMap />
        <div className="work">
          <OrderQueue />
          <OrderDetailPanel />
        </div>
      </main>
    </div>
  );
}
