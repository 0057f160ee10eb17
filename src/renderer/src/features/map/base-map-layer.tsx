import type { FeatureCollection } from 'geojson';
import L from 'leaflet';
import { memo, useEffect, useMemo, useState } from 'react';
import { GeoJSON, Pane, TileLayer } from 'react-leaflet';
import { loadWorldLand } from './world-land';

const LAND_STYLE = { color: '#8a9bb3', weight: 0.7, fillColor: '#e9eef5', fillOpacity: 1, opacity: 1 };
/** One function for good: react-leaflet restyles (and the canvas redraws) every country when it gets a new one. */
const landStyle = () => LAND_STYLE;

/**
 * Land from the bundled world atlas (always there, offline), drawn on a canvas below the tile
 * pane so an online tile layer, when configured, covers it and a failed tile shows land, not a hole.
 */
export const BaseMapLayer = memo(function BaseMapLayer({ tileUrl }: { tileUrl: string | null }) {
  const [land, setLand] = useState<FeatureCollection | null>(null);
  // The renderer, not the layer, decides the pane a canvas lives in.
  const renderer = useMemo(() => L.canvas({ padding: 0.5, pane: 'land' }), []);
  useEffect(() => {
    let live = true;
    void loadWorldLand().then((l) => live && setLand(l));
    return () => {
      live = false;
    };
  }, []);
  return (
    <>
      <Pane name="land" style={{ zIndex: 150 }}>
        {land ? <GeoJSON data={land} style={landStyle} interactive={false} pane="land" {...({ renderer } as object)} /> : null}
      </Pane>
      {tileUrl ? <TileLayer url={tileUrl} attribution="Map tiles" /> : null}
    </>
  );
});
