import type { NotificationProvider, OutgoingMessage } from '../../../src/engine/ports/notifier.port';

/**
 * What the notifier conformance suite (tests/integration/notifications/conformance.ts) needs from
 * each channel: a loopback server speaking the channel's format, providers pointed at it, messages,
 * and controls to make the server misbehave. Each provider a run builds is closed by `stop()`.
 */
export interface NotifierHarness<M extends OutgoingMessage> {
  /** Names the provider in the suite's title ("SMTP (nodemailer pool)"). */
  name: string;
  start(): Promise<NotifierRun<M>>;
}

/** A failure the server produces for the next message. */
export type InjectedFailure =
  /** A temporary refusal (SMTP 451, HTTP 503): the same message goes through later. */
  | 'transient'
  /** A refusal for good (SMTP 554, a template that does not exist, HTTP 400): reply = `refusalReply`. */
  | 'refuse'
  /** No answer at all (no SMTP greeting, an HTTP answer held past the client's timeout). */
  | 'hang';

/** A message as the server got it, in terms every channel has. */
export interface Received {
  /** Who it is for: the e-mail address, the phone number, the endpoint's URL. */
  recipient: string;
  /** The intent key as the receiver sees it (Message-ID header, callback data, reference, delivery id). */
  key: string;
  /** The content, channel-specific (subject/text/html, template, text, event and exact body). */
  content: Record<string, unknown>;
}

export interface NotifierRun<M extends OutgoingMessage> {
  /** A provider for this server; `timeoutMs` shortens its wait (the hang case). */
  provider(opts?: { timeoutMs?: number }): NotificationProvider<M>;
  /** A provider and message whose credentials the server refuses (wrong password, token, secret). */
  badCredentials(key: string): { provider: NotificationProvider<M>; message: M };
  /** A valid message with this key. */
  message(key: string): M;
  /** A message to an address the server knows is wrong (unknown mailbox, not on WhatsApp …). */
  undeliverable(key: string): M;
  /** How `message` must arrive. */
  expected(message: M): Received;
  /** Every arrival of the message with this key (a correct provider: exactly one). */
  received(key: string): Received[];
  failNext(failure: InjectedFailure): void;
  /** The server's words when it refuses ('refuse'): the error's reply must carry them. */
  refusalReply: string;
  /** Connections from clients open at the server now. */
  openConnections(): number;
  stop(): Promise<void>;
}

/** Keeps the providers a run builds, to close them all when it stops. */
export function providerBag<M extends OutgoingMessage>() {
  const all: NotificationProvider<M>[] = [];
  return {
    add<P extends NotificationProvider<M>>(p: P): P {
      all.push(p);
      return p;
    },
    closeAll: () => Promise.all(all.map((p) => p.close())).then(() => undefined),
  };
}
