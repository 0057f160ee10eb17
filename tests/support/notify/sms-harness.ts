import { SmsNotifier, type SmsConfig } from '../../../src/engine/adapters/notify/sms.notifier';
import type { SmsMessage } from '../../../src/engine/ports/notifier.port';
import { providerBag, type NotifierHarness } from './harness';
import { startSmsServer } from './sms-server';

/** The SMS provider against the loopback gateway that meets its contract. */

const INVALID = '+5491100000001';
const REFUSAL = 'message text contains a blocked URL';

export function smsHarness(): NotifierHarness<SmsMessage> {
  return {
    name: 'SMS (HTTP gateway)',
    async start() {
      const server = await startSmsServer();
      server.invalidNumbers.add(INVALID);
      const bag = providerBag<SmsMessage>();
      const config = (over: Partial<SmsConfig> = {}): SmsConfig => ({
        channel: 'sms',
        baseUrl: server.url,
        token: server.token,
        from: 'TIENDA',
        ...over,
      });
      const message = (key: string): SmsMessage => ({
        channel: 'sms',
        key,
        to: '+5491155550000',
        text: `Tienda Ñandú: tu pedido ${key} está en camino. Seguilo en https://tienda.example/t/1`,
      });
      return {
        provider: (opts = {}) => bag.add(new SmsNotifier(config(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}))),
        badCredentials: (key) => ({ provider: bag.add(new SmsNotifier(config({ token: 'sms_wrong' }))), message: message(key) }),
        message,
        undeliverable: (key) => ({ ...message(key), to: INVALID }),
        expected: (m) => ({ recipient: m.to, key: m.key, content: { text: m.text, from: 'TIENDA', idempotencyKey: m.key } }),
        received: (key) =>
          server.sent
            .filter((s) => s.reference === key)
            .map((s) => ({ recipient: s.to, key: s.reference, content: { text: s.text, from: s.from, idempotencyKey: s.idempotencyKey } })),
        failNext: (f) =>
          server.failNext(
            f === 'hang'
              ? 'hang'
              : f === 'transient'
                ? { status: 503, code: 'unavailable', message: 'carrier connection down' }
                : { status: 400, code: 'content_blocked', message: REFUSAL },
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
