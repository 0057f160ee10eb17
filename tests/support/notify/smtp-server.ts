import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * A loopback SMTP server (smtp-server) that records every accepted message parsed by mailparser, as
 * a receiving server would see it, and misbehaves on request the way real servers do: a mailbox that
 * does not exist (550 5.1.1 at RCPT), a temporary local error (451 4.3.0 after DATA) for the next N
 * messages, a message refused for good (554 5.6.0 after DATA), a connection that never greets, and a
 * login requirement. Enhanced status codes are written in each reply (hideENHANCEDSTATUSCODES), so a
 * test chooses them: 550 5.1.1 (no such user) and 550 5.7.1 (policy) must be told apart.
 */

export interface ReceivedMail {
  /** Envelope sender and recipients (MAIL FROM / RCPT TO). */
  mailFrom: string;
  rcptTo: string[];
  from: { address: string; name: string };
  to: { address: string; name: string }[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Every header, lower-cased names, values as the parser gave them (strings for plain headers). */
  headers: Map<string, unknown>;
  /** The queue id this server gave it ("250 2.0.0 Ok: queued as <id>"). */
  queueId: string;
}

export interface SmtpTestServer {
  host: '127.0.0.1';
  port: number;
  messages: ReceivedMail[];
  /** Connections ever accepted. */
  connections(): number;
  openConnections(): number;
  /** RCPT TO this address is refused (default `550 5.1.1 <addr>: Recipient address rejected: User unknown`). */
  rejectRecipient(address: string, reply?: { code: number; text: string }): void;
  /** The next `times` messages get 451 4.3.0 after DATA (the server's temporary local error). */
  deferNext(times?: number): void;
  /** The next `times` messages get `554 5.6.0 …` after DATA. */
  refuseNext(times?: number, text?: string): void;
  /** The next `times` connections are accepted but never greeted (held until the server closes). */
  hangNext(times?: number): void;
  close(): Promise<void>;
}

export const DEFER_TEXT = '4.3.0 Temporary local problem - please try later';
export const REFUSE_TEXT = '5.6.0 Message content rejected by policy';

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => ({ address: v.address ?? '', name: v.name ?? '' })));

/**
 * `replyDelayMs`: how long the server takes to answer a message it accepts (as a busy relay does):
 * a client killed in that time has handed the message over without hearing so.
 */
export async function startSmtpServer(
  opts: { auth?: { user: string; pass: string }; replyDelayMs?: number } = {},
): Promise<SmtpTestServer> {
  const messages: ReceivedMail[] = [];
  const rejected = new Map<string, { code: number; text: string }>();
  const open = new Set<string>();
  const held: (() => void)[] = [];
  let total = 0;
  let defer = 0;
  let refuse: string[] = [];
  let hang = 0;
  let serial = 0;

  const server = new SMTPServer({
    logger: false,
    hideENHANCEDSTATUSCODES: true,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    closeTimeout: 200,
    onConnect(session: SMTPServerSession, cb) {
      total += 1;
      open.add(session.id);
      if (hang > 0) {
        hang -= 1;
        held.push(() => cb(smtpError(421, '4.3.2 Service shutting down')));
        return;
      }
      cb();
    },
    onClose(session: SMTPServerSession) {
      open.delete(session.id);
    },
    onAuth(auth, _session, cb) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass) return cb(null, { user: auth.username });
      cb(smtpError(535, '5.7.8 Error: authentication failed: bad username or password'));
    },
    onRcptTo(address, _session, cb) {
      const r = rejected.get(address.address.toLowerCase());
      cb(r ? smtpError(r.code, r.text) : null);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (defer > 0) {
          defer -= 1;
          return cb(smtpError(451, DEFER_TEXT));
        }
        const refusal = refuse.shift();
        if (refusal !== undefined) return cb(smtpError(554, refusal));
        simpleParser(Buffer.concat(chunks))
          .then((p) => {
            const queueId = `Q${String(++serial).padStart(6, '0')}`;
            const mailFrom = session.envelope.mailFrom;
            messages.push({
              mailFrom: mailFrom ? mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              from: addresses(p.from)[0] ?? { address: '', name: '' },
              to: addresses(p.to),
              subject: p.subject ?? '',
              text: p.text ?? '',
              html: typeof p.html === 'string' ? p.html : '',
              messageId: p.messageId ?? '',
              headers: p.headers as Map<string, unknown>,
              queueId,
            });
            const reply = () => cb(null, `2.0.0 Ok: queued as ${queueId}`);
            if (opts.replyDelayMs) setTimeout(reply, opts.replyDelayMs);
            else reply();
          })
          .catch((e: unknown) => cb(smtpError(451, `4.3.0 test server could not parse the message: ${(e as Error).message}`)));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A connection the client drops is the client's business; the server must not throw on it.
  server.on('error', () => undefined);
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    messages,
    connections: () => total,
    openConnections: () => open.size,
    rejectRecipient: (address, reply) =>
      rejected.set(address.toLowerCase(), reply ?? { code: 550, text: `5.1.1 <${address}>: Recipient address rejected: User unknown` }),
    deferNext: (times = 1) => {
      defer += times;
    },
    refuseNext: (times = 1, text = REFUSE_TEXT) => {
      refuse = [...refuse, ...Array<string>(times).fill(text)];
    },
    hangNext: (times = 1) => {
      hang += times;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of held.splice(0)) release();
        server.close(() => resolve());
      }),
  };
}
