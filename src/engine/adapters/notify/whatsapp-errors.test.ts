import { describe, expect, it } from 'vitest';
import type { NotifyResponse } from './notify-http';
import { classifyWhatsAppError, kindForCode } from './whatsapp-errors';

const answer = (status: number, error: unknown, headers: Record<string, string> = {}): NotifyResponse => ({
  status,
  headers,
  text: typeof error === 'string' ? error : JSON.stringify({ error }),
});

describe('WhatsApp error classification', () => {
  it('maps the documented codes', () => {
    for (const c of [4, 80007, 130429, 131048, 131056, 131000, 2]) expect(kindForCode(c), String(c)).toBe('retry');
    for (const c of [131026, 131030]) expect(kindForCode(c), String(c)).toBe('undeliverable');
    for (const c of [132000, 132001, 132012, 100]) expect(kindForCode(c), String(c)).toBe('failed');
    for (const c of [0, 10, 190, 200, 250, 299]) expect(kindForCode(c), String(c)).toBe('config');
    expect(kindForCode(987654)).toBeUndefined();
  });

  it('decides by code, not by HTTP status, and keeps Meta’s words and trace id', () => {
    const e = classifyWhatsAppError(
      answer(
        400,
        { message: '(#130429) Rate limit hit', code: 130429, error_data: { details: 'too many' }, fbtrace_id: 'AbC' },
        { 'retry-after': '7' },
      ),
    );
    expect(e.kind).toBe('retry');
    expect(e.retryAfterMs).toBe(7_000);
    expect(e.reply).toBe('HTTP 400 code 130429: (#130429) Rate limit hit — too many (fbtrace_id AbC)');
    expect(e.httpStatus).toBe(400);
  });

  it('falls back on the status for an unknown code or a body that is not Graph’s', () => {
    expect(classifyWhatsAppError(answer(503, '<html>Service Unavailable</html>')).kind).toBe('retry');
    expect(classifyWhatsAppError(answer(401, 'nope')).kind).toBe('config');
    expect(classifyWhatsAppError(answer(400, { message: 'new thing', code: 987654 })).kind).toBe('failed');
    expect(classifyWhatsAppError(answer(500, { message: 'new thing', code: 987654 })).kind).toBe('retry');
  });

  it('a phone number id Meta does not know (100 subcode 33) is config', () => {
    expect(classifyWhatsAppError(answer(400, { message: 'Unsupported post request', code: 100, error_subcode: 33 })).kind).toBe('config');
  });
});
