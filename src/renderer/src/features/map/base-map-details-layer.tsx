import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { formatNumber } from '../../i18n/format';
import { useLocaleStore } from '../../i18n/locale.store';
import { loadBaseMapDetails, placesToName, PROVINCE_NAMES_FROM_ZOOM, PROVINCES_FROM_ZOOM } from './base-map-details';

const BORDER_STYLE = { color: '#94a3b8', weight: 0.9, dashArray: '4 3', fill: false, opacity: 0.9 };

const label = (text: string, className: string, title?: string) => {
  const span = document.createElement('span');
  span.textContent = text;
  if (title) span.title = title;
  return L.divIcon({ html: span, className: `atalaya-place ${className}`, iconSize: [0, 0] });
};

/**
 * Province borders and the names of provinces and cities, from the bundled open data, shown from a
 * zoom level up (the country view stays clean). Not interactive: clicks go to the map below.
 */
export function BaseMapDetailsLayer() {
  const map = useMap();
  useEffect(() => {
    let live = true;
    for (const [name, z] of [
      ['atalaya-admin1', 160],
      ['atalaya-places', 390],
    ] as const)
      if (!map.getPane(name)) map.createPane(name).style.zIndex = String(z);
    const renderer = L.canvas({ padding: 0.5, pane: 'atalaya-admin1' });
    const names = L.layerGroup([], { pane: 'atalaya-places' }).addTo(map);
    let borders: L.GeoJSON | undefined;
    let provinceNames: L.Marker[] = [];
    let places: Awaited<ReturnType<typeof loadBaseMapDetails>>['places'] = [];

    const update = () => {
      if (!live) return;
      const zoom = map.getZoom();
      if (borders) {
        if (zoom >= PROVINCES_FROM_ZOOM) borders.addTo(map);
        else borders.remove();
      }
      names.clearLayers();
      if (zoom >= PROVINCE_NAMES_FROM_ZOOM) provinceNames.forEach((m) => names.addLayer(m));
      const b = map.getBounds().pad(0.1);
      const locale = useLocaleStore.getState().locale;
      for (const [name, lat, lng, people] of placesToName(places, zoom, {
        south: b.getSouth(),
        west: b.getWest(),
        north: b.getNorth(),
        east: b.getEast(),
      }))
        names.addLayer(
          L.marker([lat, lng], {
            icon: label(name, 'city', formatNumber(locale, people)),
            pane: 'atalaya-places',
            interactive: false,
            keyboard: false,
          }),
        );
    };

    void loadBaseMapDetails().then((d) => {
      if (!live) return;
      borders = L.geoJSON(d.admin1, {
        style: () => BORDER_STYLE,
        interactive: false,
        pane: 'atalaya-admin1',
        renderer,
      } as L.GeoJSONOptions);
      provinceNames = d.admin1.features.map((f) =>
        L.marker(L.geoJSON(f).getBounds().getCenter(), {
          icon: label(String(f.properties?.name ?? ''), 'province'),
          pane: 'atalaya-places',
          interactive: false,
          keyboard: false,
        }),
      );
      places = d.places;
      update();
    });
    map.on('zoomend moveend', update);
    return () => {
      live = false;
      map.off('zoomend moveend', update);
      borders?.remove();
      names.remove();
    };
  }, [map]);
  return null;
}
