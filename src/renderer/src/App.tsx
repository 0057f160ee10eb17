import { Suspense, useEffect } from 'react';
import { startLiveDesk } from './api/live-updates';
import { useDeskViews } from './app/use-desk-views';
import { ViewTabs } from './app/view-tabs';
import { VIEWS } from './app/views';
import { HeaderBar } from './features/header/header-bar';
import { OutageBanner } from './features/header/outage-banner';
import { DeskKeys } from './features/palette/desk-keys';
import { selectCommandsDisabled, useSystemStore } from './features/header/system.store';
import { useOrderDetailStore } from './features/order-detail/order-detail.store';
import { SessionGate } from './features/session/session-gate';
import { selectRole, useSessionStore } from './features/session/session.store';
import { useLocaleStore } from './i18n/locale.store';

/**
 * The view chosen in the tabs. The home view (the tower: live map, queue, order detail) stays
 * mounted while another view is open — hidden, not torn down — so the map keeps its place and no
 * Leaflet animation runs on a removed map; other views mount when opened and load fresh. A role
 * without the tower (an associate, an admin) has no home view kept.
 */
function Views() {
  const { visible, active } = useDeskViews();
  const home = visible.find((v) => v.id === VIEWS[0]!.id);
  useEffect(() => {
    // Leaflet measures its container on window resize: tell it the tower is visible again.
    if (home && active === home) requestAnimationFrame(() => window.dispatchEvent(new Event('resize')));
  }, [active, home]);
  if (!active) return null;
  const Home = home?.component;
  const Active = active.component;
  return (
    <>
      {Home ? (
        <div className="view-keep" style={{ display: active === home ? 'contents' : 'none' }}>
          <Home />
        </div>
      ) : null}
      {active === home ? null : (
        // A view's code arrives with its first opening (views.tsx): a quiet placeholder until then.
        <Suspense fallback={<main className="view-loading" aria-busy="true" data-testid="view-loading" />}>
          <Active key={active.id} />
        </Suspense>
      )}
    </>
  );
}

/** The control tower desk for the signed-in user: the header with its view tabs, then the chosen view. */
function Desk() {
  const commandsDisabled = useSystemStore(selectCommandsDisabled);
  const role = useSessionStore(selectRole);
  useEffect(() => startLiveDesk(role), [role]);
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
      <DeskKeys />
    </div>
  );
}

/** Atalaya's desk: who is at it first (sign-in, first-run setup), then their desk. */
export function App() {
  const locale = useLocaleStore((s) => s.locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <SessionGate>
      <Desk />
    </SessionGate>
  );
}
