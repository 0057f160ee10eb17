import type { NodemailerError } from 'nodemailer';
import { NotifierError } from '../../ports/notifier.port';

/**
 * What an SMTP failure means for the notification worker. Nodemailer hands back an error with the
 * server's reply (`response`, `responseCode`) when the server said no, or with a code of its own
 * (`code`: ECONNECTION, ETIMEDOUT, EAUTH …, and `originalCode`: ECONNREFUSED …) when no reply came.
 * The rules, most specific first:
 * - a 4xx reply is transient by RFC 5321 (greylisting, 451 local error, 452 storage, 421 closing) → `retry`;
 * - 530/534/535/538, or a login that failed without a reply → `config`: our credentials or TLS settings;
 * - 550/551/553 with an RFC 3463 enhanced status 5.1.x (bad mailbox, unknown user, bad destination
 *   system or syntax) → `undeliverable`, with the server's reply as the reason;
 * - any other 5xx (policy, spam, size, 554 transaction failed) → `failed`, with the reply;
 * - no reply: a refused, reset, dropped or timed-out connection, DNS → `retry`; an address Nodemailer
 *   cannot even put in the envelope → `undeliverable`.
 */

/** Reply codes that mean "log in (properly) first": our side must change something. */
const AUTH_REPLIES = new Set([530, 534, 535, 538]);
const MAILBOX_REPLIES = new Set([550, 551, 553]);
/** Nodemailer codes of failures that settings cause and a later attempt would meet again. */
const CONFIG_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ETLS', 'EREQUIRETLS', 'ECONFIG', 'EPROXY']);

/** The RFC 3463 enhanced status code of a reply ("550 5.1.1 <x>: user unknown" → "5.1.1"), if any. */
export function enhancedStatus(reply: string): string | null {
  return /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/.exec(reply.trim())?.[1] ?? null;
}

/** One line of the reply for messages and the delivery log (multi-line replies joined). */
function oneLine(reply: string): string {
  return reply.replace(/\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Classifies a Nodemailer failure; `server` names the server in messages ("smtp.example.com:587"). */
export function classifySmtpError(err: unknown, server: string): NotifierError {
  const e = (err ?? {}) as NodemailerError;
  const reply = e.response ? oneLine(e.response) : null;
  const code = e.responseCode;
  if (reply && code) {
    if (code >= 400 && code < 500) {
      return new NotifierError(`the mail server deferred the message (${reply}); it can be tried again later`, 'retry', reply);
    }
    if (AUTH_REPLIES.has(code) || e.code === 'EAUTH') {
      const problem = code === 530 && e.code !== 'EAUTH' ? 'requires a login' : 'refused our login';
      return new NotifierError(`${server} ${problem} (${reply}); check the SMTP user, password and TLS setting`, 'config', reply);
    }
    if (MAILBOX_REPLIES.has(code) && enhancedStatus(reply)?.startsWith('5.1.')) {
      const who = e.rejected?.[0] ?? e.recipient;
      return new NotifierError(`the mail server refused the address${who ? ` ${who}` : ''}: ${reply}`, 'undeliverable', reply);
    }
    if (code === 503) {
      // "Bad sequence of commands": the session was in the wrong state, not the message refused.
      return new NotifierError(`the mail server lost track of the session (${reply}); it can be tried again`, 'retry', reply);
    }
    if (code >= 500) return new NotifierError(`the mail server refused the message: ${reply}`, 'failed', reply);
  }
  const what = e.originalCode ?? e.code ?? e.name ?? 'Error';
  if (e.code && CONFIG_CODES.has(e.code)) {
    return new NotifierError(
      `${server}: ${e.code === 'ETLS' || e.code === 'EREQUIRETLS' ? 'the TLS connection failed' : 'login failed'} (${what}: ${e.message}); check the SMTP settings`,
      'config',
      reply,
    );
  }
  if (e.code === 'EDNS' && e.originalCode === 'ENOTFOUND') {
    return new NotifierError(`the SMTP host of ${server} does not exist (ENOTFOUND); check the host name`, 'config');
  }
  if (e.code === 'EENVELOPE' && !code) {
    return new NotifierError(`the address cannot be used for e-mail: ${e.message}`, 'undeliverable', e.message);
  }
  if (e.code === 'EMESSAGE' && !code) return new NotifierError(`the message cannot be sent: ${e.message}`, 'failed', e.message);
  const timedOut = e.code === 'ETIMEDOUT';
  return new NotifierError(
    timedOut
      ? `${server} did not answer in time (${e.timeoutType ?? 'ETIMEDOUT'}); it can be tried again`
      : `${server} could not be reached or dropped the connection (${what}); it can be tried again`,
    'retry',
    reply,
  );
}
