import { describe, expect, it } from 'vitest';
import { classifySmtpError, enhancedStatus } from './smtp-errors';

/** An error shaped as Nodemailer builds them (smtp-connection's _formatError). */
const reply = (response: string, code = 'EENVELOPE', extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`failed: ${response}`), { code, response, responseCode: Number(response.slice(0, 3)), ...extra });
const noReply = (code: string, originalCode?: string) => Object.assign(new Error(code), { code, originalCode });

const kind = (e: unknown) => classifySmtpError(e, 'smtp.example.com:587').kind;

describe('SMTP error classification', () => {
  it('reads RFC 3463 enhanced codes', () => {
    expect(enhancedStatus('550 5.1.1 <a@b>: user unknown')).toBe('5.1.1');
    expect(enhancedStatus('451-4.3.0 try later')).toBe('4.3.0');
    expect(enhancedStatus('550 Mailbox unavailable')).toBeNull();
  });

  it('4xx replies are retry', () => {
    for (const r of [
      '421 4.4.2 closing',
      '450 4.2.1 mailbox busy',
      '451 4.3.0 local error',
      '452 4.2.2 over quota',
      '454 4.7.0 TLS not available',
    ]) {
      expect(kind(reply(r)), r).toBe('retry');
    }
  });

  it('550/551/553 with 5.1.x are undeliverable, with the reply', () => {
    for (const r of [
      '550 5.1.1 <x@y>: Recipient address rejected: User unknown',
      '551 5.1.6 user has moved',
      '553 5.1.3 bad address syntax',
      '550 5.1.10 null MX',
    ]) {
      const e = classifySmtpError(reply(r, 'EENVELOPE', { rejected: ['x@y'] }), 's');
      expect(e.kind, r).toBe('undeliverable');
      expect(e.reply).toBe(r);
    }
  });

  it('other 5xx are failed with the reply line', () => {
    for (const r of ['550 5.7.1 relaying denied', '554 5.6.0 content rejected', '552 5.3.4 message too big', '550 Mailbox unavailable']) {
      const e = classifySmtpError(reply(r, 'EMESSAGE'), 's');
      expect(e.kind, r).toBe('failed');
      expect(e.reply).toBe(r);
    }
  });

  it('login problems are config', () => {
    expect(kind(reply('535 5.7.8 authentication failed', 'EAUTH'))).toBe('config');
    expect(kind(reply('530 5.7.0 Authentication required'))).toBe('config');
    expect(kind(reply('534 5.7.9 mechanism too weak', 'EAUTH'))).toBe('config');
    expect(kind(noReply('EAUTH'))).toBe('config');
    expect(kind(noReply('ETLS'))).toBe('config');
    expect(kind(noReply('EDNS', 'ENOTFOUND'))).toBe('config');
  });

  it('a dropped, refused or timed-out connection is retry', () => {
    expect(kind(noReply('ESOCKET', 'ECONNREFUSED'))).toBe('retry');
    expect(kind(noReply('ESOCKET', 'ECONNRESET'))).toBe('retry');
    expect(kind(noReply('ECONNECTION'))).toBe('retry');
    expect(kind(noReply('ETIMEDOUT'))).toBe('retry');
    expect(kind(noReply('EDNS', 'EAI_AGAIN'))).toBe('retry');
    expect(kind(new Error('Connection pool was closed'))).toBe('retry');
    expect(kind(reply('503 5.5.1 bad sequence of commands'))).toBe('retry');
  });

  it('an address Nodemailer cannot use is undeliverable; a message it cannot send is failed', () => {
    expect(kind(noReply('EENVELOPE'))).toBe('undeliverable');
    expect(kind(noReply('EMESSAGE'))).toBe('failed');
  });
});
