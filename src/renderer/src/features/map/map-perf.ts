/**
 * Marks on the page's performance timeline, so a benchmark (tests/bench/map.bench.ts) can measure
 * the time from the network's data arriving to its markers being on the map, in a real browser.
 */
export const LOCATIONS_RECEIVED = 'atalaya:locations-received';
export const LOCATIONS_RENDERED = 'atalaya:locations-rendered';

const mark = (name: string, count: number) => {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name, { detail: { count } });
};

export const markLocationsReceived = (count: number) => mark(LOCATIONS_RECEIVED, count);

/** After the markers are added: marked once the browser has painted them (two animation frames). */
export function markLocationsRendered(count: number): void {
  if (typeof requestAnimationFrame !== 'function') return mark(LOCATIONS_RENDERED, count);
  requestAnimationFrame(() => requestAnimationFrame(() => mark(LOCATIONS_RENDERED, count)));
}
