import { SmtpNotifier, messageIdFor, type SmtpConfig } from '../../../src/engine/adapters/notify/smtp.notifier';
import type { EmailMessage } from '../../../src/engine/ports/notifier.port';
import { providerBag, type NotifierHarness, type Received } from './harness';
import { REFUSE_TEXT, startSmtpServer, type ReceivedMail } from './smtp-server';

/** The SMTP provider against the loopback SMTP server (login required, no TLS on loopback). */

const AUTH = { user: 'avisos@tienda.example', pass: 'smtp-test-pass-7c1d' };
const FROM = { address: 'avisos@tienda.example', name: 'Tienda Ñandú' };
const UNKNOWN = 'nadie@example.com';

const asReceived = (m: ReceivedMail): Received => ({
  recipient: m.rcptTo.join(','),
  key: String(m.headers.get('x-atalaya-intent') ?? ''),
  content: { from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId },
});

export function smtpHarness(): NotifierHarness<EmailMessage> {
  return {
    name: 'SMTP (nodemailer pool)',
    async start() {
      const server = await startSmtpServer({ auth: AUTH });
      server.rejectRecipient(UNKNOWN);
      const bag = providerBag<EmailMessage>();
      const config = (over: Partial<SmtpConfig> = {}): SmtpConfig => ({
        channel: 'email',
        host: server.host,
        port: server.port,
        security: 'none',
        auth: AUTH,
        from: FROM,
        ...over,
      });
      const message = (key: string): EmailMessage => ({
        channel: 'email',
        key,
        to: 'ana.perez@example.com',
        toName: 'Ana Pérez',
        subject: `Tu pedido ${key} está en camino ✔`,
        html: `<p>Hola <b>Ana</b>, tu pedido <a href="https://tienda.example/t/${encodeURIComponent(key)}">está en camino</a>.</p>`,
        text: `Hola Ana,\ntu pedido está en camino: https://tienda.example/t/${encodeURIComponent(key)}`,
      });
      return {
        provider: (opts = {}) => bag.add(new SmtpNotifier(config(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}))),
        badCredentials: (key) => ({
          provider: bag.add(new SmtpNotifier(config({ auth: { user: AUTH.user, pass: 'wrong-password' } }))),
          message: message(key),
        }),
        message,
        undeliverable: (key) => ({ ...message(key), to: UNKNOWN, toName: undefined }),
        expected: (m) => ({
          recipient: m.to,
          key: m.key,
          content: {
            from: FROM,
            to: [{ address: m.to, name: m.toName ?? '' }],
            subject: m.subject,
            text: m.text,
            html: m.html,
            messageId: messageIdFor(m.key, 'tienda.example'),
          },
        }),
        received: (key) => server.messages.filter((m) => m.headers.get('x-atalaya-intent') === key).map(asReceived),
        failNext: (f) => (f === 'transient' ? server.deferNext() : f === 'refuse' ? server.refuseNext() : server.hangNext()),
        refusalReply: REFUSE_TEXT,
        openConnections: () => server.openConnections(),
        stop: async () => {
          await bag.closeAll();
          await server.close();
        },
      };
    },
  };
}
