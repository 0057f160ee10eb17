import { WhatsAppNotifier, type WhatsAppConfig } from '../../../src/engine/adapters/notify/whatsapp.notifier';
import type { WhatsAppMessage } from '../../../src/engine/ports/notifier.port';
import { providerBag, type NotifierHarness } from './harness';
import { startWhatsAppServer } from './whatsapp-server';

/** The WhatsApp Cloud API provider against the loopback Graph API. */

const NOT_ON_WHATSAPP = '+5491100000000';
const REFUSAL = 'Parameter format does not match format in the created template';

export function whatsappHarness(): NotifierHarness<WhatsAppMessage> {
  return {
    name: 'WhatsApp Cloud API',
    async start() {
      const server = await startWhatsAppServer({ order_shipped: { languages: ['es_AR', 'en'], bodyParams: 2 } });
      server.notOnWhatsApp.add(NOT_ON_WHATSAPP);
      const bag = providerBag<WhatsAppMessage>();
      const config = (over: Partial<WhatsAppConfig> = {}): WhatsAppConfig => ({
        channel: 'whatsapp',
        baseUrl: server.url,
        apiVersion: server.apiVersion,
        phoneNumberId: server.phoneNumberId,
        accessToken: server.token,
        ...over,
      });
      const message = (key: string): WhatsAppMessage => ({
        channel: 'whatsapp',
        key,
        to: '+5491155550000',
        template: {
          name: 'order_shipped',
          language: 'es_AR',
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Ana' },
                { type: 'text', text: key },
              ],
            },
            { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: encodeURIComponent(key) }] },
          ],
        },
      });
      return {
        provider: (opts = {}) => bag.add(new WhatsAppNotifier(config(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}))),
        badCredentials: (key) => ({
          provider: bag.add(new WhatsAppNotifier(config({ accessToken: 'EAAexpired0000' }))),
          message: message(key),
        }),
        message,
        undeliverable: (key) => ({ ...message(key), to: NOT_ON_WHATSAPP }),
        expected: (m) => ({ recipient: m.to, key: m.key, content: { template: { ...m.template } } }),
        received: (key) =>
          server.sent.filter((s) => s.key === key).map((s) => ({ recipient: s.to, key: s.key ?? '', content: { template: s.template } })),
        failNext: (f) =>
          server.failNext(
            f === 'hang'
              ? 'hang'
              : f === 'transient'
                ? { status: 500, code: 131000, message: 'Something went wrong' }
                : { status: 400, code: 132012, message: REFUSAL },
          ),
        refusalReply: REFUSAL,
        openConnections: () => server.http.openConnections(),
        stop: async () => {
          await bag.closeAll();
          await server.close();
        },
      };
    },
  };
}
