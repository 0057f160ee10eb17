import { useEffect } from 'react';
import { startLiveDesk } from './api/live-updates';
import { useNavStore } from './app/nav.store';
import { ViewTabs } from './app/view-tabs';
import { VIEWS } from './app/views';
import { HeaderBar } from './features/header/header-bar';
import { OutageBanner } from './features/header/outage-banner';
import { selectCommandsDisabled, useSystemStore } from './features/header/system.store';
import { useOrderDetailStore } from './features/order-detail/order-detail.store';
import { useLocaleStore } from './i18n/locale.store';

/**
 * The view chosen in the tabs. The home view (the tower: live map, queue, order detail) stays
 * mounted while another view is open — hidden, not torn down — so the map keeps its place and no
 * Leaflet animation runs on a removed map; other views mount when opened and load fresh.
 */
function Views() {
  const id = useNavStore((s) => s.view);
  const home = VIEWS[0]!;
  const active = VIEWS.find((v) => v.id === id) ?? home;
  const Home = home.component;
  const Active = active.component;
  useEffect(() => {
    // Leaflet measures its container on window resize: tell it the tower is visible again.
    if (active === home) requestAnimationFrame(() => window.dispatchEvent(new Event('resize')));
  }, [active, home]);
  return (
    <>
      <div className="view-keep" style={{ display: active === home ? 'contents' : 'none' }}>
        <Home />
      </div>
      {active === home ? null : <Active />}
    </>
  );
}

/** The control tower desk: the header with its view tabs, then the chosen view. */
export function App() {
  const locale = useLocaleStore((s) => s.locale);
  const commandsDisabled = useSystemStore(selectCommandsDisabled);
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
      <OutageBanner />
      {/* While the database is unreachable every button and field of the views is off (a disabled fieldset), in one place. */}
      <fieldset className="desk-lock" disabled={commandsDisabled} data-testid="desk-lock">
        <Views />
      </fieldset>
    </div>
  );
}
