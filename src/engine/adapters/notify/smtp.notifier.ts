import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { Readable } from 'node:stream';
import { NotifierError, type EmailMessage, type NotificationProvider, type SendOptions, type SendReceipt } from '../../ports/notifier.port';
import { classifySmtpError } from './smtp-errors';

/**
 * E-mail over SMTP with Nodemailer's pooled transport: a few long-lived connections shared by every
 * send (`maxConnections`), each renewed after `maxMessages`, with an optional rate limit — the shape
 * relays and providers (SES, Postmark, a company's Postfix) expect from a steady sender.
 *
 * Every message gets a Message-ID derived from its key (`<sha256(key)@domain>`) and an
 * `X-Atalaya-Intent: <key>` header, so a message sent twice (a retry after a lost reply) is the same
 * message to the receiver: mail clients and most servers fold repeats by Message-ID. Failures become
 * {@link NotifierError}s by the server's reply (smtp-errors.ts).
 */

export const smtpConfigSchema = z.object({
  channel: z.literal('email'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  /**
   * `tls`: TLS from the first byte (port 465); `starttls`: plain, then upgraded — required, so a server
   * that does not offer STARTTLS is refused (port 587); `opportunistic`: upgraded when offered;
   * `none`: never upgraded (a relay on localhost, the tests).
   */
  security: z.enum(['tls', 'starttls', 'opportunistic', 'none']).default('starttls'),
  /** Checks the server's certificate (leave on; off only for a relay with a self-signed one). */
  verifyCertificate: z.boolean().default(true),
  auth: z.object({ user: z.string().min(1), pass: z.string().min(1) }).optional(),
  from: z.object({ address: z.email(), name: z.string().optional() }),
  /** The domain of generated Message-IDs; the from address's domain when not set. */
  messageIdDomain: z.string().min(1).optional(),
  pool: z
    .object({
      maxConnections: z.number().int().positive().default(3),
      /** Messages per connection before it is replaced (some servers cap a session). */
      maxMessages: z.number().int().positive().default(100),
      /** At most `rateLimit` messages every `rateDeltaMs` (unlimited when not set). */
      rateLimit: z.number().int().positive().optional(),
      rateDeltaMs: z.number().int().positive().default(1_000),
      /** An idle connection is closed after this long (shorter than servers' own idle timeouts). */
      idleTimeoutMs: z.number().int().positive().default(30_000),
    })
    .prefault({}),
  /** The longest wait for the server at any step: connecting, its greeting, any reply. */
  timeoutMs: z.number().int().positive().default(30_000),
});
export type SmtpConfig = z.input<typeof smtpConfigSchema>;

/** `<sha256(key)@domain>`: the same key always gives the same Message-ID. */
export function messageIdFor(key: string, domain: string): string {
  return `<${createHash('sha256').update(key, 'utf8').digest('hex')}@${domain}>`;
}

/** The server's queue id in its final reply ("250 2.0.0 Ok: queued as 4Fq2"), if it names one. */
function queueId(response: string): string | null {
  return /\bqueued as ([A-Za-z0-9._-]+)/i.exec(response)?.[1] ?? /\bid=([A-Za-z0-9._-]+)/.exec(response)?.[1] ?? null;
}

export class SmtpNotifier implements NotificationProvider<EmailMessage> {
  readonly channel = 'email' as const;
  private readonly transport: ReturnType<typeof createPool>;
  private readonly server: string;
  private readonly domain: string;
  private readonly from: { name: string; address: string };
  private closed = false;
  /** Message-ID → the caller's `beforeFinal`, while that message is being sent. */
  private readonly gates = new Map<string, () => Promise<void>>();

  constructor(config: SmtpConfig) {
    const c = smtpConfigSchema.parse(config);
    this.server = `${c.host}:${c.port}`;
    this.domain = c.messageIdDomain ?? c.from.address.split('@')[1]!;
    this.from = { name: c.from.name ?? '', address: c.from.address };
    this.transport = createPool(c);
    // The message goes out through a gate that holds its end-of-data dot until `beforeFinal` resolves.
    this.transport.use('stream', (mail, done) => {
      const gate = this.gates.get(String(mail.data.messageId));
      if (gate) mail.message.processFunc((input) => gated(input, gate));
      done();
    });
  }

  async send(m: EmailMessage, options: SendOptions = {}): Promise<SendReceipt> {
    if (this.closed) throw new NotifierError('e-mail: the SMTP provider was closed', 'retry');
    const messageId = messageIdFor(m.key, this.domain);
    if (options.beforeFinal) this.gates.set(messageId, options.beforeFinal);
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: m.toName ? { name: m.toName, address: m.to } : m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId,
        headers: { 'X-Atalaya-Intent': m.key },
        // Our templates are Latin-script text: quoted-printable, chosen here rather than detected per
        // message (the same bytes as Nodemailer's own choice, at half its CPU).
        textEncoding: 'quoted-printable',
      });
      return { providerId: queueId(info.response) ?? messageId, reply: info.response };
    } catch (e) {
      throw classifySmtpError(e, this.server);
    } finally {
      this.gates.delete(messageId);
    }
  }

  /** Closes idle connections at once; one delivering a message finishes it first. */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.transport.close();
    }
    return Promise.resolve();
  }
}

function createPool(c: z.output<typeof smtpConfigSchema>) {
  return nodemailer.createTransport({
    pool: true,
    host: c.host,
    port: c.port,
    secure: c.security === 'tls',
    requireTLS: c.security === 'starttls',
    ignoreTLS: c.security === 'none',
    tls: { rejectUnauthorized: c.verifyCertificate },
    auth: c.auth ? { user: c.auth.user, pass: c.auth.pass } : undefined,
    maxConnections: c.pool.maxConnections,
    maxMessages: c.pool.maxMessages,
    rateLimit: c.pool.rateLimit,
    rateDelta: c.pool.rateDeltaMs,
    idleTimeout: c.pool.idleTimeoutMs,
    // The worker owns retries: a message whose connection dropped is reported, not re-sent here.
    maxRequeues: 0,
    connectionTimeout: c.timeoutMs,
    greetingTimeout: c.timeoutMs,
    socketTimeout: c.timeoutMs,
    // Nodemailer logs nothing unless given a logger; credentials never reach a log.
    logger: false,
    debug: false,
  });
}

/**
 * The message as the SMTP connection reads it once the server said 354 (go ahead): the whole body
 * at the first read — nodemailer reads nothing before the server accepted the recipients and the
 * data — then, before ending (which writes the end-of-data dot, the point where the server takes
 * the message), `gate` is awaited. A gate that fails destroys the stream: the connection drops
 * mid-data and the server discards the message.
 */
export function gated(input: Readable, gate: () => Promise<void>): Readable {
  const chunks: Buffer[] = [];
  let ended = false;
  let body = false;
  let gating = false;
  /** The connection asked for data that could not be given yet. */
  let asked = false;
  const step = () => {
    if (!asked || !ended || gating) return;
    asked = false;
    if (!body) {
      body = true;
      out.push(Buffer.concat(chunks));
      return;
    }
    gating = true;
    gate().then(
      () => out.push(null),
      (e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))),
    );
  };
  const out: Readable = new Readable({
    read() {
      asked = true;
      step();
    },
  });
  input.on('data', (c: Buffer) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
  input.on('end', () => {
    ended = true;
    step();
  });
  input.on('error', (e) => out.destroy(e));
  return out;
}
