import type { Endpoint } from '../shared';

/**
 * The contract's endpoint names, for the preload's check before anything is sent. The build writes
 * them in (`__ATALAYA_ENDPOINTS__`, computed from src/shared/contract.ts by electron.vite.config.ts)
 * rather than the preload importing the contract, which would bundle zod and every schema into each
 * page's preload. Nothing here lists a name by hand, so the list cannot drift from the contract.
 */
export function endpointCheck(names: readonly string[]): (name: unknown) => name is Endpoint {
  const known = new Set(names);
  // A Set, not an object: no inherited keys (`toString`, `__proto__`) pass.
  return (name: unknown): name is Endpoint => typeof name === 'string' && known.has(name);
}
