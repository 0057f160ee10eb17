import type { ChannelAdapter } from '../../ports/channel.port';

/**
 * The marketplace and storefront connectors (Shopify, WooCommerce, VTEX, Mercado Libre), each a
 * ChannelAdapter passing the conformance suite. The channel registry adds the built-in REST adapter.
 * (Placeholder list for parallel work: the connectors work fills it.)
 */
export const CONNECTOR_ADAPTERS: readonly ChannelAdapter[] = [];
