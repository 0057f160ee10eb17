import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SmtpNotifier, messageIdFor, type SmtpConfig } from '../../../src/engine/adapters/notify/smtp.notifier';
import type { EmailMessage } from '../../../src/engine/ports/notifier.port';
import { startSmtpServer, type SmtpTestServer } from '../../support/notify/smtp-server';
import { notifierFailure } from './conformance';

/**
 * The SMTP provider beyond the conformance suite: the pool (connections shared, renewed after
 * maxMessages), the deterministic Message-ID and intent header, both MIME parts, and the reply codes
 * that must be told apart (5.1.1 vs 5.7.1 on a 550, 530 without a login, a refused port).
 */

const AUTH = { user: 'avisos@tienda.example', pass: 'smtp-test-pass-7c1d' };
let server: SmtpTestServer;
const providers: SmtpNotifier[] = [];

const provider = (over: Partial<SmtpConfig> = {}) => {
  const p = new SmtpNotifier({
    channel: 'email',
    host: server.host,
    port: server.port,
    security: 'none',
    auth: AUTH,
    from: { address: 'avisos@tienda.example', name: 'Tienda' },
    ...over,
  });
  providers.push(p);
  return p;
};

let n = 0;
const mail = (over: Partial<EmailMessage> = {}): EmailMessage => ({
  channel: 'email',
  key: `order.confirmed:T-${++n}:v1:email`,
  to: 'ana@example.com',
  subject: `Pedido ${n} confirmado`,
  html: `<h1>Pedido ${n}</h1><p>¡Gracias!</p>`,
  text: `Pedido ${n}\n¡Gracias!`,
  ...over,
});

beforeAll(async () => {
  server = await startSmtpServer({ auth: AUTH });
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await server.close();
});

describe('SMTP provider', () => {
  it('sends many messages over at most maxConnections connections', async () => {
    const before = server.connections();
    const p = provider({ pool: { maxConnections: 2 } });
    const messages = Array.from({ length: 20 }, () => mail());
    await Promise.all(messages.map((m) => p.send(m)));
    expect(server.connections() - before).toBeGreaterThanOrEqual(1);
    expect(server.connections() - before).toBeLessThanOrEqual(2);
    for (const m of messages) expect(server.messages.filter((r) => r.headers.get('x-atalaya-intent') === m.key)).toHaveLength(1);
  });

  it('replaces a connection after maxMessages', async () => {
    const before = server.connections();
    const p = provider({ pool: { maxConnections: 1, maxMessages: 3 } });
    for (let i = 0; i < 7; i++) await p.send(mail());
    // 3 + 3 + 1 messages: three connections, one after another.
    expect(server.connections() - before).toBe(3);
  });

  it('gives a message the same Message-ID for the same key, the intent header and both parts', async () => {
    const p = provider();
    const m = mail({ toName: 'Ana Pérez' });
    const first = await p.send(m);
    const second = await p.send(m);
    const got = server.messages.filter((r) => r.headers.get('x-atalaya-intent') === m.key);
    expect(got).toHaveLength(2);
    const expectedId = messageIdFor(m.key, 'tienda.example');
    expect(got.map((r) => r.messageId)).toEqual([expectedId, expectedId]);
    expect(expectedId).toMatch(/^<[0-9a-f]{64}@tienda\.example>$/);
    expect(got[0]!.text).toBe(m.text);
    expect(got[0]!.html).toBe(m.html);
    expect(got[0]!.to).toEqual([{ address: 'ana@example.com', name: 'Ana Pérez' }]);
    expect((got[0]!.headers.get('content-type') as { value: string }).value).toBe('multipart/alternative');
    // The receipt carries the server's queue id and its reply line.
    expect(first.providerId).toBe(got[0]!.queueId);
    expect(first.reply).toMatch(/^250 /);
    expect(second.providerId).toBe(got[1]!.queueId);
  });

  it('uses messageIdDomain when set', async () => {
    const m = mail();
    await provider({ messageIdDomain: 'mail.atalaya.local' }).send(m);
    const got = server.messages.find((r) => r.headers.get('x-atalaya-intent') === m.key);
    expect(got?.messageId).toBe(messageIdFor(m.key, 'mail.atalaya.local'));
  });

  it('451 for the first attempts is retry each time, then the message goes through', async () => {
    const p = provider();
    const m = mail();
    server.deferNext(2);
    for (let i = 0; i < 2; i++) {
      const e = await notifierFailure(p.send(m));
      expect(e.kind).toBe('retry');
      expect(e.reply).toMatch(/^451 4\.3\.0/);
    }
    await p.send(m);
    expect(server.messages.filter((r) => r.headers.get('x-atalaya-intent') === m.key)).toHaveLength(1);
  });

  it('tells a 550 5.1.1 (no such mailbox) from a 550 5.7.1 (policy)', async () => {
    server.rejectRecipient('gone@example.com');
    server.rejectRecipient('blocked@example.com', { code: 550, text: '5.7.1 <blocked@example.com>: Relay access denied by policy' });
    const p = provider();
    const gone = await notifierFailure(p.send(mail({ to: 'gone@example.com' })));
    expect(gone.kind).toBe('undeliverable');
    expect(gone.reply).toBe('550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown');
    expect(gone.message).toContain('gone@example.com');
    const blocked = await notifierFailure(p.send(mail({ to: 'blocked@example.com' })));
    expect(blocked.kind).toBe('failed');
    expect(blocked.reply).toContain('5.7.1');
    // The pool keeps working after refusals (the session was reset, not dropped).
    await p.send(mail());
  });

  it('a server that requires a login we do not have is config', async () => {
    const e = await notifierFailure(provider({ auth: undefined }).send(mail()));
    expect(e.kind).toBe('config');
    expect(e.reply).toMatch(/^530 /);
    expect(e.message).toMatch(/requires a login/);
  });

  it('a refused connection is retry, naming the server', async () => {
    const p = provider({ host: '127.0.0.1', port: 1, timeoutMs: 5_000 });
    const e = await notifierFailure(p.send(mail()));
    expect(e.kind).toBe('retry');
    expect(e.message).toMatch(/127\.0\.0\.1:1 could not be reached.*ECONNREFUSED/);
  });

  it('never puts the password in an error', async () => {
    const e = await notifierFailure(provider({ auth: { user: AUTH.user, pass: 'hunter2-secret' } }).send(mail()));
    expect(e.kind).toBe('config');
    expect(`${e.message} ${e.reply}`).not.toContain('hunter2-secret');
  });
});
