import type { ChannelKind } from '../../../shared';
import type { ChannelAdapter } from '../../ports/channel.port';
import { CONNECTOR_ADAPTERS } from './connectors';
import { restApiAdapter } from './rest-api';

const adapters = new Map<ChannelKind, ChannelAdapter>([restApiAdapter, ...CONNECTOR_ADAPTERS].map((a) => [a.kind, a]));

/** The adapter for a kind of channel; undefined for kinds that do not receive HTTP (CSV, assisted entry). */
export function adapterFor(kind: ChannelKind): ChannelAdapter | undefined {
  return adapters.get(kind);
}

/** Every registered adapter (the desk's channel form reads their required settings and secrets). */
export function allAdapters(): ChannelAdapter[] {
  return [...adapters.values()];
}

/**
 * Registers (or replaces) the adapter of a kind in this process — for tests and for plugins.
 * Returns a function that restores the previous one.
 */
export function registerChannelAdapter(adapter: ChannelAdapter): () => void {
  const previous = adapters.get(adapter.kind);
  adapters.set(adapter.kind, adapter);
  return () => (previous ? adapters.set(adapter.kind, previous) : adapters.delete(adapter.kind));
}
