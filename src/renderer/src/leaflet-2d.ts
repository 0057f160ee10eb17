/**
 * Read by Leaflet when it loads, so this module is imported first (main.tsx): markers are placed
 * with left/top instead of 3D transforms. A 3D transform makes each of the map's thousands of
 * markers a compositing layer of its own; a trace of the desk at 200 events a second spent most of
 * its main thread layerizing, painting and committing them (with 5,000 locations: layout 1.2 s →
 * 0.6 s over 8 s, and the map drawn in 0.55 s instead of 0.75–0.8 s). The cost: zooming steps
 * instead of animating.
 */
(window as unknown as { L_DISABLE_3D: boolean }).L_DISABLE_3D = true;
