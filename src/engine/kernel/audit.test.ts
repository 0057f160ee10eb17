import { describe, expect, it } from 'vitest';
import { AUDIT_INPUT_MAX_BYTES, auditNote, auditRowOf, isAudited, isMachineTraffic, redactInput, withAuditScope } from './audit';
import type { Actor } from '../../shared';

const ANA: Actor = { id: 'u1', name: 'Ana', role: 'associate', locations: ['loc-a'], session: 's1' };
const ERP: Actor = { id: 'key:erp', name: 'ERP', role: 'integrator' };
const SYSTEM: Actor = { id: 'system', name: 'Atalaya', role: 'system' };

describe('audit redaction', () => {
  it('replaces secrets at any depth, keeps the names of secrets, and makes text storable', () => {
    expect(
      redactInput({
        currentPassword: 'a',
        newPassword: 'b',
        secrets: { webhookSecret: 'c' },
        settings: { shopDomain: 'x.myshopify.com', refreshToken: 'd' },
        list: [{ apiKey: 'e', clientSecret: 'f', accessToken: 'g' }],
        secretNames: ['webhookSecret'],
        note: 'nul\u0000here',
      }),
    ).toEqual({
      currentPassword: '[redacted]',
      newPassword: '[redacted]',
      secrets: '[redacted]',
      settings: { shopDomain: 'x.myshopify.com', refreshToken: '[redacted]' },
      list: [{ apiKey: '[redacted]', clientSecret: '[redacted]', accessToken: '[redacted]' }],
      secretNames: ['webhookSecret'],
      note: 'nul\uFFFDhere',
    });
  });

  it("keeps no pickup code: it proves who collects the order (a scanned SKU's code stays)", () => {
    expect(redactInput({ orderId: 'o-1', code: '123456' }, 'pickup.handover')).toEqual({ orderId: 'o-1', code: '[redacted]' });
    expect(redactInput({ waveId: 'w-1', code: '7790001234567' }, 'picking.scan')).toEqual({ waveId: 'w-1', code: '7790001234567' });
  });

  it("keeps an uploaded file's size, not the file", () => {
    const content = Buffer.from('a'.repeat(1000)).toString('base64');
    expect(redactInput({ fileName: 'orders.csv', contentBase64: content })).toEqual({
      fileName: 'orders.csv',
      contentBase64: '[file, 1000 bytes]',
    });
  });

  it('summarises an input larger than 8 KB: its keys, short values, sizes for the rest', () => {
    const big = { source: 'pos', events: Array.from({ length: 500 }, (_, i) => ({ sku: `S${i}`, seq: i })), body: 'x'.repeat(9000) };
    const s = redactInput(big) as Record<string, unknown>;
    expect(JSON.stringify(s).length).toBeLessThan(AUDIT_INPUT_MAX_BYTES);
    expect(s).toMatchObject({ source: 'pos', events: '[500 items]', body: '[text, 9000 characters]' });
    expect(s.summarised).toMatch(/^input of \d+ bytes, larger than 8192$/);
  });
});

describe('audit scope', () => {
  it('collects the notes of the work it runs, and nothing outside it or after it', async () => {
    auditNote({ orderId: 'outside' }); // no scope: nothing happens
    let late: (() => void) | undefined;
    const { note, result } = await withAuditScope(async () => {
      auditNote({ orderId: 'o1', before: { status: 'sourced' } });
      await Promise.resolve();
      auditNote({ after: { status: 'cancelled' } });
      late = () => auditNote({ after: 'changed later' });
      return 42;
    });
    late!();
    expect(result).toEqual({ status: 'fulfilled', value: 42 });
    expect(note).toEqual({ orderId: 'o1', before: { status: 'sourced' }, after: { status: 'cancelled' } });
  });

  it('keeps the notes of work that failed', async () => {
    const { note, result } = await withAuditScope(async () => {
      auditNote({ locationId: 'loc-a' });
      throw new Error('boom');
    });
    expect(result.status).toBe('rejected');
    expect(note).toEqual({ locationId: 'loc-a' });
  });
});

describe('what is recorded', () => {
  it("records people's and integrators' commands and refused queries, never the engine's own", () => {
    expect(isAudited(ANA, 'command', 'ok')).toBe(true);
    expect(isAudited(ERP, 'command', 'failed')).toBe(true);
    expect(isAudited(ANA, 'query', 'ok')).toBe(false);
    expect(isAudited(ANA, 'query', 'denied')).toBe(true);
    expect(isAudited(SYSTEM, 'command', 'ok')).toBe(false);
    expect(isMachineTraffic(ERP, 'orders.create')).toBe(true);
    expect(isMachineTraffic(ERP, 'inventory.deltas')).toBe(true);
    expect(isMachineTraffic(ERP, 'inventory.receive')).toBe(false);
    expect(isMachineTraffic(ANA, 'orders.create')).toBe(false);
  });

  it('takes the order from the note, the input or the order the command answered, and the reason from the input', () => {
    const row = (endpoint: string, input: unknown, note = {}, output?: unknown) =>
      auditRowOf({ endpoint, actor: ANA, outcome: 'ok', input, note, output });
    expect(row('orders.advance', { id: 'o1', to: 'packed', reason: 'done' })).toMatchObject({
      orderId: 'o1',
      reason: 'done',
      sessionId: 's1',
    });
    expect(row('fulfilment.reject', { orderId: 'o2', locationId: 'loc-a' })).toMatchObject({
      orderId: 'o2',
      locationId: 'loc-a',
      reason: null,
    });
    expect(row('entry.submit', { draft: {} }, {}, { order: { id: 'o3' } })).toMatchObject({ orderId: 'o3' });
    expect(row('inbox.replay', { id: '12' })).toMatchObject({ orderId: null });
    expect(row('orders.cancel', { id: 'o4' }, { orderId: 'o5', locationId: 'loc-b' })).toMatchObject({
      orderId: 'o5',
      locationId: 'loc-b',
    });
    expect(auditRowOf({ endpoint: 'x', actor: ANA, outcome: 'failed', input: {}, note: {}, error: new Error('it broke') }).error).toBe(
      'it broke',
    );
  });
});
