import { useEffect } from 'react';
import { startLiveDesk } from './api/live-updates';
import { useNavStore } from './app/nav.store';
import { ViewTabs } from './app/view-tabs';
import { VIEWS } from './app/views';
import { HeaderBar } from './features/header/header-bar';
import { useOrderDetailStore } from './features/order-detail/order-detail.store';
import { useLocaleStore } from './i18n/locale.store';

/** The view chosen in the header's tabs; the tower (live map, order queue, order detail) by default. */
function View() {
  const id = useNavStore((s) => s.view);
  const Component = (VIEWS.find((v) => v.id === id) ?? VIEWS[0]!).component;
  return <Component />;
}

/** The control tower desk: the header with its view tabs, then the chosen view. */
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
      <ViewTabs />
      <View />
    </div>
  );
}
