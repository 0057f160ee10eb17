import { z } from 'zod';
import { OrderDetailSchema, OrderDraftSchema, OrderInputSchema, OrderSchema } from '../shared';

/** A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) component. */
function component(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const ErrorSchema = z.object({
  error: z.object({
    code: z.string().describe('VALIDATION_FAILED, UNAUTHORIZED, NOT_FOUND, IDEMPOTENCY_CONFLICT, DUPLICATE_ORDER, …'),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
const AckSchema = z.object({ received: z.literal(true), inboxId: z.string(), duplicate: z.boolean(), held: z.boolean() });

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const err = (description: string) => ({ description, content: json('Error') });
const channelParam = {
  name: 'channelId',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The channel id shown in the desk (Channels → webhook URL)',
};

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of the engine's public HTTP API, generated from the contract's zod schemas. */
export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Atalaya OMS API',
      version: '1',
      description:
        "Order intake for Atalaya. Every request is committed to the inbox before it is answered. REST callers authenticate with their channel's API key; " +
        'storefront and marketplace webhooks are verified by their own signatures.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    paths: {
      '/api/v1/orders': {
        post: {
          summary: 'Submit an order (synchronous)',
          description:
            'Takes a canonical order and answers with it. `Idempotency-Key`: the same key and body return the first answer (200); the same key with another body is 409. ' +
            'Without an API key the call is accepted only from loopback while no API channel exists.',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
          requestBody: { required: true, content: json('OrderInput') },
          responses: {
            '201': { description: 'Created', content: json('Order') },
            '200': { description: 'Replayed: the same key or the same order again', content: json('Order') },
            '400': err('Invalid order; `issues` names every bad field'),
            '401': err('Missing or unknown API key'),
            '409': err('Idempotency-Key reused with another body, or the same external id with other content'),
          },
        },
      },
      '/api/v1/orders/{id}': {
        get: {
          summary: 'An order with its lines and timeline',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { description: 'The order', content: json('OrderDetail') }, '404': err('No such order') },
        },
      },
      '/api/v1/channels/{channelId}/orders': {
        post: {
          summary: "Submit an order to an API channel's inbox (asynchronous)",
          description:
            'Acknowledged once committed to the inbox; processed by workers. Redeliveries (same Idempotency-Key, or same body) are no-ops.',
          parameters: [channelParam, { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
          requestBody: { required: true, content: json('OrderDraft') },
          responses: {
            '200': { description: 'Committed to the inbox', content: json('WebhookAck') },
            '400': err('Not a request for this channel'),
            '401': err('Wrong or missing API key'),
            '404': err('No such channel'),
          },
        },
      },
      '/api/v1/channels/{channelId}/orders/{externalId}/cancel': {
        post: {
          summary: 'Cancel an order of an API channel (asynchronous)',
          parameters: [channelParam, { name: 'externalId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: false,
            content: { 'application/json': { schema: { type: 'object', properties: { reason: { type: 'string', maxLength: 500 } } } } },
          },
          responses: {
            '200': { description: 'Committed to the inbox', content: json('WebhookAck') },
            '401': err('Wrong or missing API key'),
            '404': err('No such channel'),
          },
        },
      },
      '/api/v1/channels/{channelId}/{path}': {
        post: {
          summary: 'A storefront or marketplace webhook / notification',
          description:
            'Shopify (X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the raw body), WooCommerce (X-WC-Webhook-Signature), VTEX order hook and Mercado Libre `orders_v2` notifications. ' +
            'A wrong signature gets 401 and nothing is written; a redelivery gets 200 and changes nothing. Bodies up to 2 MB.',
          security: [{ shopifyHmac: [] }, { wooSignature: [] }, {}],
          parameters: [
            channelParam,
            {
              name: 'path',
              in: 'path',
              required: true,
              schema: { type: 'string' },
              description: 'Whatever the channel posts to, e.g. `webhooks`',
            },
          ],
          requestBody: { required: true, content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: {
            '200': { description: 'Committed to the inbox', content: json('WebhookAck') },
            '400': err('Not a request this channel sends'),
            '401': err('Missing or wrong signature'),
            '404': err('No such channel'),
          },
        },
      },
      '/healthz': {
        get: {
          summary: 'Database and queue health',
          security: [],
          responses: { '200': { description: 'Healthy' }, '503': { description: 'Degraded' } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: "The API channel's key (created in the desk under Channels, shown once)",
        },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        shopifyHmac: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Shopify-Hmac-Sha256',
          description: 'base64 HMAC-SHA256 of the raw body with the webhook secret',
        },
        wooSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-WC-Webhook-Signature',
          description: 'base64 HMAC-SHA256 of the raw body with the webhook secret',
        },
      },
      schemas: {
        OrderInput: component(OrderInputSchema, 'input'),
        OrderDraft: component(OrderDraftSchema, 'input'),
        Order: component(OrderSchema, 'output'),
        OrderDetail: component(OrderDetailSchema, 'output'),
        WebhookAck: component(AckSchema, 'output'),
        Error: component(ErrorSchema, 'output'),
      },
    },
  };
  return cached;
}
