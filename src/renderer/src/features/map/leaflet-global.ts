import L from 'leaflet';

/**
 * Leaflet as the global `L` that Leaflet plugins written as UMD (leaflet.markercluster) extend when
 * they load. A browser gets it from Leaflet itself; Node (unit tests importing the views) does not.
 * Imported before such a plugin, so it is set when the plugin runs.
 */
(globalThis as { L?: typeof L }).L ??= L;

export default L;
