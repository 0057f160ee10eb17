import L from 'leaflet';
import 'leaflet.markercluster';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { LocationHealth } from '../../../../shared';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/locale.store';
import { clusterIcon, iconKey, locationIcon, type LocationIcon } from './location-icons';
import { isHub, worstHealth, type HealthGrade } from './location-health';
import { locationTooltip } from './location-tooltip';
import { declutter } from './hub-declutter';
import { markLocationsRendered } from './map-perf';

/** Draws hubs that would overlap at this zoom a few pixels apart (their true places are kept in `at`). */
function layoutHubs(map: L.Map, entries: ReadonlyMap<string, Entry>): void {
  const hubs = [...entries].filter(([, e]) => e.hub).sort(([a, x], [b, y]) => x.rank - y.rank || (a < b ? -1 : 1));
  const points = hubs.map(([id, e]) => ({ id, e, p: map.latLngToLayerPoint(e.at) }));
  const offsets = declutter(points.map(({ id, e, p }) => ({ id, x: p.x, y: p.y, r: e.size / 2 })));
  for (const { id, e, p } of points) {
    const o = offsets.get(id);
    const to = o ? map.layerPointToLatLng([p.x + o.dx, p.y + o.dy]) : e.at;
    if (!to.equals(e.marker.getLatLng())) e.marker.setLatLng(to);
  }
}

/** Stores (and their clusters) sit above the order dots; DCs and dark stores above the stores. */
export const STORES_PANE = 'atalaya-stores';
export const HUBS_PANE = 'atalaya-hubs';
const PANES: [string, number][] = [
  [STORES_PANE, 610],
  [HUBS_PANE, 640],
];

/** Above its neighbours: the selected location first, then DCs over dark stores (they may overlap at country zoom). */
const zOffset = (l: Pick<LocationHealth, 'kind'>, selected: boolean) => (selected ? 2000 : 0) + (l.kind === 'dc' ? 500 : 0);

const divIcon = (i: LocationIcon) =>
  L.divIcon({ html: i.html, className: i.className, iconSize: [i.size, i.size], iconAnchor: [i.size / 2, i.size / 2] });

interface Entry {
  marker: L.Marker;
  key: string;
  hub: boolean;
  health: HealthGrade;
  /** The location's true place (a hub's marker may be drawn a few pixels off it: see hub-declutter). */
  at: L.LatLng;
  /** Hubs: the order they are set apart in (lower first: on top of the ring). */
  rank: number;
  size: number;
}

const hubRank = (l: Pick<LocationHealth, 'kind' | 'id'>, selected: boolean) => (selected ? 0 : l.kind === 'dc' ? 1 : 2);

/**
 * Every location as a Leaflet marker, managed imperatively and diffed by id: the map refreshes
 * every second under load and a network may have thousands of locations, so only markers whose
 * look changed get a new icon, new ones go in with one bulk `addLayers`, and React renders nothing
 * per marker. Stores cluster (leaflet.markercluster, spiderfied at the last zoom); DCs and dark
 * stores are never clustered and live in their own pane above the stores, so hovering or clicking
 * one always reaches it.
 */
export function LocationLayers({
  locations,
  selectedId,
  onSelect,
}: {
  locations: readonly LocationHealth[];
  selectedId: string | null;
  onSelect(id: string): void;
}) {
  const map = useMap();
  const { t, locale } = useT();
  const latest = useRef({ byId: new Map<string, LocationHealth>(), t, locale, onSelect });
  // Tooltips and clicks read the latest translator and handler when they happen.
  useEffect(() => {
    latest.current.t = t;
    latest.current.locale = locale;
    latest.current.onSelect = onSelect;
  });
  const layers = useRef<{
    stores: L.MarkerClusterGroup;
    hubs: L.LayerGroup;
    entries: Map<string, Entry>;
    /** Each store marker's grade, for its cluster's colour. */
    healthOf: WeakMap<L.Marker, HealthGrade>;
    /** Sets overlapping hubs apart at the current zoom. */
    layout(): void;
  } | null>(null);

  useEffect(() => {
    for (const [name, z] of PANES) if (!map.getPane(name)) map.createPane(name).style.zIndex = String(z);
    const entries = new Map<string, Entry>();
    const healthOf = new WeakMap<L.Marker, HealthGrade>();
    const stores = L.markerClusterGroup({
      clusterPane: STORES_PANE,
      chunkedLoading: true,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      maxClusterRadius: 44,
      spiderLegPolylineOptions: { weight: 1.5, color: '#334155', opacity: 0.6 },
      iconCreateFunction: (cluster) => {
        const children = cluster.getAllChildMarkers();
        const worst = worstHealth(children.map((m) => healthOf.get(m) ?? 'ok'));
        const icon = clusterIcon(formatNumber(latest.current.locale, children.length), children.length, worst);
        return divIcon(icon);
      },
      chunkProgress: (done, total) => {
        if (done === total) markLocationsRendered(entries.size);
      },
    });
    const hubs = L.layerGroup([], { pane: HUBS_PANE });
    stores.addTo(map);
    hubs.addTo(map);
    const layout = () => layoutHubs(map, entries);
    layers.current = { stores, hubs, entries, healthOf, layout };
    map.on('zoomend viewreset', layout);
    return () => {
      map.off('zoomend viewreset', layout);
      stores.remove();
      hubs.remove();
      layers.current = null;
    };
  }, [map]);

  useEffect(() => {
    const l = layers.current;
    if (!l) return;
    const { healthOf } = l;
    const byId = new Map(locations.map((x) => [x.id, x]));
    latest.current.byId = byId;
    const addStores: L.Marker[] = [];
    const changedStores: L.Marker[] = [];
    // The hubs are set apart again only when one came, went, moved, grew or changed rank: at 5,000
    // locations refreshed every second under load, laying them all out each time held the main thread.
    let hubsChanged = false;
    for (const [id, e] of l.entries) {
      const now = byId.get(id);
      if (now && isHub(now) === e.hub) continue;
      (e.hub ? l.hubs : l.stores).removeLayer(e.marker);
      l.entries.delete(id);
      hubsChanged ||= e.hub;
    }
    for (const loc of locations) {
      const selected = loc.id === selectedId;
      const key = iconKey(loc, selected);
      const e = l.entries.get(loc.id);
      if (e) {
        if (e.at.lat !== loc.lat || e.at.lng !== loc.lng) {
          e.at = L.latLng(loc.lat, loc.lng);
          e.marker.setLatLng(e.at);
          hubsChanged ||= e.hub;
        }
        const rank = hubRank(loc, selected);
        hubsChanged ||= e.hub && e.rank !== rank;
        e.rank = rank;
        if (e.key !== key) {
          e.size = locationIcon(loc, selected).size;
          hubsChanged ||= e.hub;
          e.marker.setIcon(divIcon(locationIcon(loc, selected)));
          e.marker.setZIndexOffset(zOffset(loc, selected));
          e.key = key;
          if (!e.hub && e.health !== loc.health) changedStores.push(e.marker);
        }
        e.health = loc.health;
        healthOf.set(e.marker, loc.health);
        continue;
      }
      const hub = isHub(loc);
      const id = loc.id;
      const marker = L.marker([loc.lat, loc.lng], {
        icon: divIcon(locationIcon(loc, selected)),
        pane: hub ? HUBS_PANE : STORES_PANE,
        keyboard: false,
        riseOnHover: true,
        zIndexOffset: zOffset(loc, selected),
      });
      marker.bindTooltip(
        () => {
          const cur = latest.current;
          const now = cur.byId.get(id);
          return now ? locationTooltip(now, cur.t, cur.locale) : '';
        },
        { direction: 'top', offset: [0, -8], opacity: 1, className: 'atalaya-tooltip' },
      );
      marker.on('click', () => latest.current.onSelect(id));
      healthOf.set(marker, loc.health);
      l.entries.set(id, {
        marker,
        key,
        hub,
        health: loc.health,
        at: L.latLng(loc.lat, loc.lng),
        rank: hubRank(loc, selected),
        size: locationIcon(loc, selected).size,
      });
      if (hub) l.hubs.addLayer(marker);
      else addStores.push(marker);
      hubsChanged ||= hub;
    }
    if (hubsChanged) l.layout();
    if (changedStores.length) l.stores.refreshClusters(changedStores);
    if (addStores.length) l.stores.addLayers(addStores);
    else if (locations.length) markLocationsRendered(l.entries.size);
  }, [locations, selectedId]);

  return null;
}
