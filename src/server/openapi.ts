import { z } from 'zod';
import { OrderDetailSchema, OrderDraftSchema, OrderInputSchema, OrderSchema, SessionInfoSchema } from '../shared';

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
const CarrierAckSchema = z.object({ received: z.literal(true), duplicate: z.boolean() });
const ReceiptsAckSchema = z.object({ received: z.literal(true), statuses: z.number(), applied: z.number(), ignored: z.number() });

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

const SignInSchema = z.object({ username: z.string(), password: z.string() });
const SetupSchema = z.object({ token: z.string(), username: z.string(), displayName: z.string(), password: z.string() });

/** The web desk's session routes (src/shared/session.ts): credentials in, a cookie out. */
const sessionPaths = {
  '/api/v1/session/options': {
    get: {
      summary: "The sign-in page's options: first-run setup pending, the identity provider's button",
      security: [],
      responses: { '200': { description: '`{ setupPending, oidc: { label } | null }`' } },
    },
  },
  '/api/v1/session': {
    post: {
      summary: 'Sign in with a user name and password',
      description:
        'Sets the session cookie (Max-Age = the absolute session lifetime). A session cookie sent along is ended, never adopted. Too many failed attempts per name or address: 429 with Retry-After, even for the right password.',
      security: [],
      requestBody: { required: true, content: json('SignIn') },
      responses: {
        '200': { description: 'Signed in: what `session.me` answers', content: json('SessionInfo') },
        '401': err('Wrong user name or password (one answer for both)'),
        '415': err('Not JSON'),
        '429': err('Throttled: wait Retry-After seconds'),
      },
    },
    delete: {
      summary: 'Sign out: the session ends and the cookie is cleared; open event streams of it close (4401)',
      security: [{ sessionCookie: [] }],
      responses: { '204': { description: 'Signed out (also when no session was sent)' } },
    },
  },
  '/api/v1/setup': {
    post: {
      summary: 'First run: create the admin with the token printed at start (`/setup#token=…`) and sign in',
      security: [],
      requestBody: { required: true, content: json('Setup') },
      responses: {
        '200': { description: 'The admin, signed in', content: json('SessionInfo') },
        '401': err('Wrong, used or expired token'),
      },
    },
  },
  '/api/v1/session/oidc': {
    get: {
      summary: "Sign in through the company's identity provider (when configured): 302 to it (authorization code, PKCE, state, nonce)",
      security: [],
      responses: {
        '302': {
          description:
            'To the provider; it returns to /api/v1/session/oidc/callback, which sets the cookie and goes to /, or /?signin=<reason>',
        },
      },
    },
  },
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
        "Order intake and reads for Atalaya. Every intake request is committed to the inbox before it is answered. REST callers authenticate with their channel's API key; " +
        'integrations (POS, WMS, ERP, BI) with an API key an admin created with the scopes they need (`inventory.feeds`, `orders.read`); ' +
        'storefront and marketplace webhooks are verified by their own signatures. The desk (`/api/v1/desk/*`, `/api/v1/events`) needs a signed-in session cookie; ' +
        'every request must carry a Host the desk answers to (loopback, or a name in ATALAYA_ALLOWED_HOSTS), and a browser Origin must be the desk itself.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    paths: {
      ...sessionPaths,
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
          description:
            "An integration key with the scope `orders.read` reads any order; an API channel's own key reads that channel's orders only (another channel's order is 404); " +
            'a signed-in person reads as their role (an associate: their locations only).',
          security: [{ bearerAuth: ['orders.read'] }, { apiKeyHeader: [] }, { sessionCookie: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: {
            '200': { description: 'The order', content: json('OrderDetail') },
            '401': err('No credentials, or an unknown or revoked key (WWW-Authenticate says how)'),
            '403': err('A signed-in role that may not read orders'),
            '404': err('No such order (or not one this key may read)'),
          },
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
      '/api/v1/carriers/{accountId}/{path}': {
        post: {
          summary: "A carrier's tracking webhook (a hint: the engine re-fetches the tracking of the shipments it names)",
          description:
            "Verified by the carrier account's adapter (the simulator: `X-Sim-Signature`, base64 HMAC-SHA256 of the raw body with the account's `webhookSecret`). " +
            'A wrong signature gets 401 and nothing is written; a verified one is kept raw and answered at once, and a redelivery gets 200 with `duplicate: true` and changes nothing. ' +
            "Bodies up to 1 MB. The desk's Carriers view shows each account's URL (`/api/v1/carriers/<account>/webhook`).",
          security: [{ simSignature: [] }, {}],
          parameters: [
            {
              name: 'accountId',
              in: 'path',
              required: true,
              schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,39}$' },
              description: 'The carrier account id (Carriers → webhook URL)',
            },
            {
              name: 'path',
              in: 'path',
              required: true,
              schema: { type: 'string' },
              description: 'Whatever the carrier posts to, e.g. `webhook`',
            },
          ],
          requestBody: { required: true, content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: {
            '200': { description: 'Kept (or a redelivery of one kept before)', content: json('CarrierWebhookAck') },
            '400': err('Not a request this carrier sends'),
            '401': err('Missing or wrong signature'),
            '404': err('No such carrier account, a disabled one, or a carrier that sends no webhooks'),
            '413': err('Body over 1 MB'),
          },
        },
      },
      '/api/v1/notify/whatsapp': {
        get: {
          summary: "Meta's verification of the WhatsApp webhook URL",
          description:
            "Answers `hub.challenge` as plain text when `hub.mode` is `subscribe` and `hub.verify_token` is the WhatsApp provider's `verifyToken` secret; 403 otherwise.",
          security: [],
          parameters: ['hub.mode', 'hub.verify_token', 'hub.challenge'].map((name) => ({
            name,
            in: 'query',
            required: true,
            schema: { type: 'string' },
          })),
          responses: {
            '200': { description: 'The challenge', content: { 'text/plain': { schema: { type: 'string' } } } },
            '400': err('A challenge that is not a plain token'),
            '403': err('Wrong mode or verify token, or none saved'),
          },
        },
        post: {
          summary: 'WhatsApp Cloud API message statuses (delivered, read, failed) for the messages Atalaya sent',
          description:
            "Signed by Meta with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>` (the WhatsApp provider's `appSecret` secret). " +
            'A wrong signature gets 401 and nothing is written; statuses are applied to the messages they name (delivered on delivered or read, failed with the reason; only forwards, repeats change nothing) and answered 200. ' +
            'A status of a message whose send is still being recorded gets 503 with Retry-After (Meta sends the webhook again). Bodies up to 3 MB.',
          security: [{ hubSignature: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  description:
                    "`{ object: 'whatsapp_business_account', entry: [{ id, changes: [{ field: 'messages', value: { statuses: [{ id: 'wamid…', status, timestamp, recipient_id, errors? }] } }] }] }` (the signature is over these bytes as sent)",
                },
              },
            },
          },
          responses: {
            '200': { description: 'Applied (or nothing to apply)', content: json('ReceiptsAck') },
            '400': err('Not a WhatsApp webhook as Meta documents it, naming the field'),
            '401': err('Missing or wrong signature'),
            '404': err('No app secret saved on the WhatsApp provider'),
            '503': err('A status names a message whose send is still being recorded: send again after Retry-After'),
          },
        },
      },
      '/api/v1/inventory/snapshots': {
        post: {
          summary: 'A full stock count of one or more locations (CSV streamed, or JSON)',
          security: [{ bearerAuth: ['inventory.feeds'] }],
          parameters: [
            {
              name: 'source',
              in: 'query',
              required: false,
              schema: { type: 'string' },
              description: 'The sending system (required with CSV)',
            },
            { name: 'seq', in: 'query', required: false, schema: { type: 'integer' } },
          ],
          requestBody: {
            required: true,
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
                  description: 'header location_id,sku,on_hand (optionally ,bin: the aisle-bin of the SKU at that location)',
                },
              },
              'application/json': { schema: { type: 'object' } },
            },
          },
          responses: {
            '200': { description: 'What it corrected' },
            '400': err('Bad rows, naming each'),
            '401': err('No key, or a key without inventory.feeds'),
          },
        },
      },
      '/api/v1/inventory/deltas': {
        post: {
          summary: 'Sequenced stock changes',
          security: [{ bearerAuth: ['inventory.feeds'] }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            '200': { description: 'Applied and stale counts' },
            '400': err('Bad events'),
            '401': err('No key, or a key without inventory.feeds'),
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
          description:
            "An API channel's key (created with the channel, shown once), or an integration key an admin created under API keys with its scopes " +
            '(`inventory.feeds`, `orders.read`; the scopes an operation needs are listed in its `security`)',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'atalaya_session',
          description:
            "The desk session set by `POST /api/v1/session` (HttpOnly, SameSite=Strict; `__Host-atalaya_session` and Secure under TLS). Desk requests must be JSON from the desk's own origin.",
        },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        shopifyHmac: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Shopify-Hmac-Sha256',
          description: 'base64 HMAC-SHA256 of the raw body with the webhook secret',
        },
        simSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Sim-Signature',
          description: "The carrier simulator's webhooks: base64 HMAC-SHA256 of the raw body with the account's webhook secret",
        },
        hubSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Hub-Signature-256',
          description: "Meta's webhooks: `sha256=` and the hex HMAC-SHA256 of the raw body with the app secret",
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
        CarrierWebhookAck: component(CarrierAckSchema, 'output'),
        ReceiptsAck: component(ReceiptsAckSchema, 'output'),
        SignIn: component(SignInSchema, 'input'),
        Setup: component(SetupSchema, 'input'),
        SessionInfo: component(SessionInfoSchema, 'output'),
        Error: component(ErrorSchema, 'output'),
      },
    },
  };
  return cached;
}
