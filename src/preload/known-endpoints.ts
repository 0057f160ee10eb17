import type { Endpoint } from '../shared';

/**
 * The contract's endpoint names, for the preload's check before anything is sent. Written out
 * rather than imported: importing the contract would bundle zod and every schema into each page's
 * preload. The `Record<Endpoint, true>` type keeps the list exact — a missing or unknown name is
 * a compile error, so it cannot drift from src/shared/contract.ts.
 */
const KNOWN: Record<Endpoint, true> = {
  'orders.create': true,
  'orders.list': true,
  'orders.get': true,
  'orders.advance': true,
  'orders.cancel': true,
  'locations.list': true,
  'system.health': true,
  'system.settings': true,
  'demo.simulate': true,
  'channels.kinds': true,
  'channels.list': true,
  'channels.create': true,
  'channels.update': true,
  'channels.setPaused': true,
  'channels.rotateKey': true,
  'inbox.list': true,
  'inbox.get': true,
  'inbox.replay': true,
  'inbox.discard': true,
  'skuMappings.list': true,
  'skuMappings.upsert': true,
  'imports.upload': true,
  'imports.list': true,
  'imports.get': true,
  'imports.failedRowsCsv': true,
  'catalog.search': true,
  'availability.query': true,
  'entry.submit': true,
  'inventory.atp': true,
  'inventory.ledger': true,
  'inventory.hold': true,
  'inventory.releaseHold': true,
  'inventory.commitHold': true,
  'inventory.setSafety': true,
  'inventory.setRingFence': true,
  'inventory.snapshot': true,
  'inventory.deltas': true,
  'inventory.reconciliation': true,
  'inventory.expectReceipt': true,
  'inventory.receive': true,
  'inventory.receipts': true,
  'sourcing.profiles.list': true,
  'sourcing.profiles.saveDraft': true,
  'sourcing.profiles.activate': true,
  'sourcing.simulate': true,
  'sourcing.reoptimise': true,
  'sourcing.overrideOptions': true,
  'sourcing.override': true,
  'fulfilment.reject': true,
  'fulfilment.shortPick': true,
  'unroutable.list': true,
  'unroutable.retry': true,
  'floor.openFulfilments': true,
};

/** True for a string that names an endpoint of the contract (own keys only: no `toString`, no `__proto__`). */
export function isKnownEndpoint(name: unknown): name is Endpoint {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(KNOWN, name);
}
