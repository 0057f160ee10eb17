import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const body = '{"id":"evt_1","type":"shipment.delivered","data":{"note":"entregado ✔"}}';
const at = new Date('2026-03-01T12:00:00Z');
const t = at.getTime() / 1000;

describe('webhook signatures', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256, hex, as documented', () => {
    const expected = createHmac('sha256', 'whsec_a').update(`${t}.${body}`).digest('hex');
    expect(signWebhook('whsec_a', body, at)).toBe(`t=${t},v1=${expected}`);
    expect(signWebhook('whsec_a', Buffer.from(body), at)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own signature within the tolerance, either side', () => {
    const header = signWebhook('whsec_a', body, at);
    expect(verifyWebhookSignature('whsec_a', header, body, { now: at })).toEqual({ ok: true, timestamp: t });
    expect(verifyWebhookSignature('whsec_a', header, Buffer.from(body), { now: new Date(at.getTime() + 299_000) }).ok).toBe(true);
    expect(verifyWebhookSignature('whsec_a', header, body, { now: new Date(at.getTime() + 301_000) })).toEqual({
      ok: false,
      reason: 'too_old',
    });
    expect(verifyWebhookSignature('whsec_a', header, body, { now: new Date(at.getTime() - 301_000) })).toEqual({
      ok: false,
      reason: 'in_future',
    });
    expect(verifyWebhookSignature('whsec_a', header, body, { now: new Date(at.getTime() + 3_600_000), toleranceSec: 7_200 }).ok).toBe(true);
  });

  it('refuses a changed body, a changed timestamp and another secret', () => {
    const header = signWebhook('whsec_a', body, at);
    expect(verifyWebhookSignature('whsec_a', header, `${body} `, { now: at })).toEqual({ ok: false, reason: 'mismatch' });
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhookSignature('whsec_a', moved, body, { now: at })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature('whsec_b', header, body, { now: at })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('accepts any v1 against any secret, for rotation on either side', () => {
    const both = signWebhook(['whsec_new', 'whsec_old'], body, at);
    expect(both.split(',')).toHaveLength(3);
    expect(verifyWebhookSignature('whsec_old', both, body, { now: at }).ok).toBe(true);
    expect(verifyWebhookSignature('whsec_new', both, body, { now: at }).ok).toBe(true);
    const oldOnly = signWebhook('whsec_old', body, at);
    expect(verifyWebhookSignature(['whsec_new', 'whsec_old'], oldOnly, body, { now: at }).ok).toBe(true);
    expect(verifyWebhookSignature(['whsec_new'], oldOnly, body, { now: at }).ok).toBe(false);
  });

  it('answers malformed headers without throwing', () => {
    for (const h of [undefined, null, '', 'garbage', 'v1=abc', `t=abc,v1=${'0'.repeat(64)}`]) {
      expect(verifyWebhookSignature('s', h, body, { now: at })).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(verifyWebhookSignature('s', `t=${t},v1=zz`, body, { now: at })).toEqual({ ok: false, reason: 'no_signature' });
    expect(verifyWebhookSignature('s', `t=${t},v0=${'0'.repeat(64)}`, body, { now: at })).toEqual({ ok: false, reason: 'no_signature' });
  });
});
