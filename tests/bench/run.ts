import { removeTestQueueKeys } from '../support/queue-keys';

/**
 * `npm run bench <name> [-- options]`: benchmarks print one JSON object on stdout. Progress goes
 * to stderr. Targets are checked by reading the JSON, never by timed assertions in tests.
 */
const benches: Record<string, () => Promise<{ run(args: string[]): Promise<object> }>> = {
  intake: () => import('./intake.bench'),
  notify: () => import('./notify.bench'),
  desk: () => import('./desk.bench'),
  map: () => import('./map.bench'),
  gazetteer: () => import('./gazetteer.bench'),
  import: () => import('./import.bench'),
  print: () => import('./print.bench'),
  reservations: () => import('./reservations.bench'),
  snapshot: () => import('./snapshot.bench'),
  sourcing: () => import('./sourcing.bench'),
  tracking: () => import('./tracking.bench'),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`Usage: npm run bench <${Object.keys(benches).join('|')}> [-- --orders N --concurrency C --queue redis|postgres]`);
  process.exit(2);
}
// The queue keys a bench's engines left in Redis go with it (its prefixes come from testQueuePrefix).
const removeQueueKeys = () =>
  removeTestQueueKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').catch((e) => console.error(`bench: queue keys not removed: ${e}`));
load()
  .then((b) => b.run(args))
  .then(async (result) => {
    await removeQueueKeys();
    console.log(JSON.stringify(result, null, 2));
    process.exit(0);
  })
  .catch(async (e) => {
    await removeQueueKeys();
    console.error(e);
    process.exit(1);
  });
