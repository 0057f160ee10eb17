import 'leaflet/dist/leaflet.css';
import './live-map.css';
import { useMemo, useState } from 'react';
import { MapContainer, Pane } from 'react-leaflet';
import { useT } from '../../i18n/locale.store';
import { useSystemStore } from '../header/system.store';
import { LocationPanel } from '../location-panel/location-panel';
import { useLocationPanelStore } from '../location-panel/location-panel.store';
import { useOrderDetailStore } from '../order-detail/order-detail.store';
import { selectRows, useOrdersStore } from '../orders/orders.store';
import { ActivityPulses } from './activity-pulses';
import { BaseMapLayer } from './base-map-layer';
import { BaseMapDetailsLayer } from './base-map-details-layer';
import { FitToLocations } from './fit-to-locations';
import { LocationLayers } from './location-layers';
import { selectLocations, useLocationsStore } from './locations.store';
import { MapKpis, MapLegend } from './map-overlays';
import { flightsOf } from './flights';
import { OrdersInFlight } from './orders-in-flight';
import { useMapSettings } from './map-settings.store';
import { TilesToggle } from './map-tiles-toggle';

/** What a click on the map does: stable functions, so memoised marks are not drawn again for a new handler. */
const selectLocation = (id: string) => useLocationPanelStore.getState().locationClicked(id);
const openOrder = (id: string) => useOrderDetailStore.getState().orderSelected(id);

/** Argentina, before the locations arrive. */
const INITIAL_CENTER: [number, number] = [-38.5, -63.5];

/** The control tower's main view: the network's health and the current queue page's orders in flight. */
export function LiveMap() {
  const { t } = useT();
  const locations = useLocationsStore(selectLocations);
  const activityAt = useLocationsStore((s) => s.activityAt);
  const error = useLocationsStore((s) => s.error);
  const loaded = useLocationsStore((s) => s.loaded);
  const tileUrl = useSystemStore((s) => s.settings?.tileUrl ?? null);
  const tilesOn = useMapSettings((s) => s.onlineTiles);
  const rows = useOrdersStore(selectRows);
  const selectedOrder = useOrderDetailStore((s) => s.selectedId);
  const selectedLocation = useLocationPanelStore((s) => s.selectedId);
  const [refit, setRefit] = useState(0);

  const byId = useMemo(() => new Map(locations.map((l) => [l.id, l])), [locations]);
  const flights = useMemo(() => flightsOf(rows, byId, selectedOrder), [rows, byId, selectedOrder]);
  const tiles = tileUrl && tilesOn ? tileUrl : null;

  return (
    <section className="panel map-panel" aria-label={t('map.title')} data-testid="live-map">
      <MapKpis locations={locations} />
      <div className="map-wrap">
        <MapContainer
          center={INITIAL_CENTER}
          zoom={4}
          minZoom={2}
          maxZoom={16}
          zoomSnap={0.25}
          className="map"
          attributionControl={!!tiles}
          worldCopyJump
        >
          <BaseMapLayer tileUrl={tiles} />
          <BaseMapDetailsLayer />
          <FitToLocations locations={locations} refit={refit} />
          <OrdersInFlight flights={flights} onSelect={openOrder} />
          {/* Pulses under the markers; stores and their clusters, then DCs and dark stores, each in a pane above (LocationLayers). */}
          <Pane name="atalaya-pulses" style={{ zIndex: 605, pointerEvents: 'none' }}>
            <ActivityPulses locations={locations} activityAt={activityAt} />
          </Pane>
          <LocationLayers locations={locations} selectedId={selectedLocation} onSelect={selectLocation} />
        </MapContainer>
        <button type="button" className="map-fit" onClick={() => setRefit((n) => n + 1)} title={t('map.fit')} aria-label={t('map.fit')}>
          ⤢
        </button>
        {tileUrl ? <TilesToggle /> : null}
        {!loaded && !error ? <div className="map-status">{t('map.loading')}</div> : null}
        {error ? (
          <div className="map-status error" role="alert">
            {t('map.error', { message: error })}
          </div>
        ) : null}
        <MapLegend />
        <LocationPanel />
      </div>
    </section>
  );
}
