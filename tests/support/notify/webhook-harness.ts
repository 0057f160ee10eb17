import { WebhookNotifier } from '../../../src/engine/adapters/notify/webhook.notifier';
import type { WebhookMessage } from '../../../src/engine/ports/notifier.port';
import { providerBag, type NotifierHarness } from './harness';
import { startWebhookReceiver } from './webhook-receiver';

/** The merchant webhook provider against a receiver that verifies signatures. */

const SECRET = 'whsec_test_5b2f0c7e9a1d';
const REFUSAL = 'order reference not recognised by this store';

export function webhookHarness(): NotifierHarness<WebhookMessage> {
  return {
    name: 'merchant webhooks (signed POST)',
    async start() {
      const receiver = await startWebhookReceiver({ secrets: [SECRET] });
      const bag = providerBag<WebhookMessage>();
      const message = (key: string): WebhookMessage => ({
        channel: 'webhook',
        key,
        url: receiver.url,
        event: 'shipment.delivered',
        body: JSON.stringify({ id: key, type: 'shipment.delivered', data: { order: 'T-1001', carrier: 'andreani', note: 'entregado ✔' } }),
        secret: SECRET,
      });
      return {
        provider: (opts = {}) =>
          bag.add(new WebhookNotifier({ channel: 'webhook', ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) })),
        badCredentials: (key) => ({
          provider: bag.add(new WebhookNotifier({ channel: 'webhook' })),
          message: { ...message(key), secret: 'whsec_an_old_secret' },
        }),
        message,
        undeliverable: (key) => ({ ...message(key), url: 'ftp://hooks.tienda.example/atalaya' }),
        expected: (m) => ({
          recipient: m.url,
          key: m.key,
          content: { event: m.event, body: m.body, contentType: 'application/json' },
        }),
        received: (key) =>
          receiver.deliveries
            .filter((d) => d.delivery === key)
            .map((d) => ({
              recipient: `${receiver.http.url}${d.path}`,
              key: d.delivery,
              content: { event: d.event, body: d.body, contentType: d.contentType },
            })),
        failNext: (f) =>
          receiver.failNext(f === 'hang' ? 'hang' : f === 'transient' ? { status: 503 } : { status: 422, body: { error: REFUSAL } }),
        refusalReply: REFUSAL,
        openConnections: () => receiver.http.openConnections(),
        stop: async () => {
          await bag.closeAll();
          await receiver.close();
        },
      };
    },
  };
}
