import { useEffect, useMemo } from 'react';
import { useLiveEvents } from '../../api/live-hub';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { useLocationsStore } from '../map/locations.store';
import { PickupCounter } from '../pickup/pickup-counter';
import { usePickupStore } from '../pickup/pickup.store';
import { PrinterStrip } from '../printing/printer-strip';
import { selectUser, useSessionStore } from '../session/session.store';
import { FLOOR_TABS, selectFloorLocations, useFloorStore } from './floor.store';
import { PackTab } from './pack-tab';
import { PickTab } from './pick-tab';
import { usePickWorkStore } from './pick-work.store';
import './floor.css';
import { ReloadBanner } from '../../components/reload-banner';

/**
 * The floor of a store or warehouse: pick (waves and the scanner walk, and the floor's answers to
 * each order), pack (parcels, slip and labels) and the pickup counter — with this station's
 * printers in a strip above. Associates work their own locations; the central desk any.
 */
export function FloorView() {
  const { t, locale } = useT();
  const locations = useLocationsStore((s) => s.locations);
  const user = useSessionStore(selectUser);
  // A store associate works their own location(s) only: no picker offering anyone else's floor.
  const mine = useMemo(() => selectFloorLocations(locations, user), [locations, user]);
  const locationId = useFloorStore((s) => s.locationId);
  const tab = useFloorStore((s) => s.tab);
  const page = useFloorStore((s) => s.page);
  const error = useFloorStore((s) => s.error);
  const loading = useFloorStore((s) => s.loading);
  useEffect(() => {
    if (!useLocationsStore.getState().loaded) void useLocationsStore.getState().refreshRequested();
    void useFloorStore.getState().refreshRequested();
  }, []);
  useEffect(() => {
    const only = mine.length === 1 && user?.role === 'associate' ? mine[0]!.id : null;
    const current = useFloorStore.getState().locationId;
    if (only && current !== only) void useFloorStore.getState().locationChosen(only);
    else if (current && !mine.some((l) => l.id === current) && locations.length) void useFloorStore.getState().locationChosen(null);
  }, [mine, user, locations.length]);
  // The benches follow the floor's location.
  useEffect(() => {
    void usePickWorkStore.getState().locationChosen(locationId);
    void usePickupStore.getState().locationChosen(locationId);
  }, [locationId]);
  useLiveEvents((e) => {
    useFloorStore.getState().liveEventReceived(e);
    usePickWorkStore.getState().liveEventReceived(e);
    usePickupStore.getState().liveEventReceived(e);
  });
  const nameOf = (id: string) => locations.find((l) => l.id === id)?.name ?? id;

  return (
    <main className="panel floor" data-testid="floor-view" aria-label={t('floor.title')}>
      <div className="panel-head">
        <h2>{t('floor.title')}</h2>
        {user?.role === 'associate' && mine.length === 1 ? (
          <span className="floor-location" data-testid="floor-location-fixed" data-location-id={mine[0]!.id}>
            <span className="muted small">{t('floor.location')}</span> <strong>{mine[0]!.name}</strong>{' '}
            <span className="muted small">{mine[0]!.city}</span>
          </span>
        ) : user?.role === 'associate' && locations.length === 0 ? (
          // Their locations are still loading: no picker meanwhile (it would offer nothing, then flash away).
          <span className="floor-location muted small" data-testid="floor-location-loading">
            {t('floor.location')}
          </span>
        ) : (
          <label className="floor-location">
            <span className="muted small">{t('floor.location')}</span>{' '}
            <select
              data-testid="floor-location"
              value={locationId ?? ''}
              onChange={(e) => void useFloorStore.getState().locationChosen(e.target.value || null)}
            >
              <option value="">{t('floor.choose')}</option>
              {mine.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} · {l.city}
                </option>
              ))}
            </select>
          </label>
        )}
        {page ? (
          <span className="muted small" data-testid="floor-count">
            {t('floor.count', { n: formatNumber(locale, page.total) })}
          </span>
        ) : null}
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        <PrinterStrip />
      </div>
      <div className="floor-tabs" role="tablist" aria-label={t('floor.tabs')}>
        {FLOOR_TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`floor-tab-${id}`}
            aria-selected={tab === id}
            aria-controls="floor-tab-panel"
            className={tab === id ? 'floor-tab on' : 'floor-tab'}
            data-testid={`floor-tab-${id}`}
            onClick={() => useFloorStore.getState().tabChosen(id)}
          >
            {t(`floor.tab.${id}`)}
          </button>
        ))}
      </div>
      <ReloadBanner
        message={error ? t('floor.error', { message: error }) : null}
        onReload={() => void useFloorStore.getState().refreshRequested()}
      />
      <div className="floor-tab-panel" id="floor-tab-panel" role="tabpanel" aria-labelledby={`floor-tab-${tab}`}>
        {!locationId ? (
          <p className="muted floor-pad">{t('floor.chooseFirst')}</p>
        ) : tab === 'pick' ? (
          <PickTab nameOf={nameOf} />
        ) : tab === 'pack' ? (
          <PackTab />
        ) : (
          <PickupCounter />
        )}
      </div>
    </main>
  );
}
