import type { ChannelAdapter } from '../../ports/channel.port';
import { mercadolibreAdapter } from './mercadolibre';
import { shopifyAdapter } from './shopify';
import { vtexAdapter } from './vtex';
import { woocommerceAdapter } from './woocommerce';

/**
 * The marketplace and storefront connectors (Shopify, WooCommerce, VTEX, Mercado Libre), each a
 * ChannelAdapter passing the conformance suite. The channel registry adds the built-in REST adapter.
 */
export const CONNECTOR_ADAPTERS: readonly ChannelAdapter[] = [shopifyAdapter, woocommerceAdapter, vtexAdapter, mercadolibreAdapter];

export { ChannelTransientError } from './http-client';
