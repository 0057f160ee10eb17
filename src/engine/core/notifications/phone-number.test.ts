import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone-number';

const e164 = (raw: string, country: string, purpose?: 'sms' | 'whatsapp' | 'any') => {
  const r = normalisePhone(raw, country, purpose);
  return r.ok ? r.e164 : r.reason;
};

describe('normalisePhone', () => {
  it('reads Argentine mobiles as typed at home, with the 9 WhatsApp needs', () => {
    expect(e164('011 15 5555-0000', 'AR', 'whatsapp')).toBe('+5491155550000');
    expect(e164('(0351) 15-555-1234', 'AR', 'sms')).toBe('+5493515551234');
    expect(e164('+54 9 11 5555-0000', 'AR', 'whatsapp')).toBe('+5491155550000');
    expect(e164('0054 9 11 5555 0000', 'AR', 'whatsapp')).toBe('+5491155550000');
    expect(e164('+54 11 15 5555-0000', 'BR', 'whatsapp')).toBe('+5491155550000');
    expect(e164('tel:+5491155550000', 'AR', 'whatsapp')).toBe('+5491155550000');
  });

  it('adds the 9 to an Argentine number typed without it, for SMS and WhatsApp only', () => {
    const r = normalisePhone('+54 11 5555-0000', 'AR', 'whatsapp');
    expect(r).toEqual({
      ok: true,
      e164: '+5491155550000',
      country: 'AR',
      type: 'MOBILE',
      adjusted: 'added the 9 Argentine mobiles take after +54',
    });
    expect(e164('11 5555-0000', 'AR', 'sms')).toBe('+5491155550000');
    expect(normalisePhone('11 5555-0000', 'AR')).toMatchObject({ ok: true, e164: '+541155550000', type: 'FIXED_LINE' });
  });

  it('reads Brazilian numbers, and refuses a landline for SMS and WhatsApp', () => {
    expect(e164('(11) 91234-5678', 'BR', 'whatsapp')).toBe('+5511912345678');
    expect(e164('+55 21 98765-4321', 'AR', 'sms')).toBe('+5521987654321');
    expect(e164('(11) 3123-4567', 'BR', 'whatsapp')).toBe('not a mobile number');
    expect(e164('(11) 3123-4567', 'BR')).toBe('+551131234567');
  });

  it('reads Mexican numbers, whose type the plan cannot tell, and drops the old mobile prefixes', () => {
    expect(normalisePhone('55 1234 5678', 'MX', 'whatsapp')).toMatchObject({
      ok: true,
      e164: '+525512345678',
      type: 'FIXED_LINE_OR_MOBILE',
    });
    expect(normalisePhone('+52 1 55 1234 5678', 'AR', 'whatsapp')).toMatchObject({
      ok: true,
      e164: '+525512345678',
      adjusted: expect.stringMatching(/Mexico/),
    });
    expect(e164('044 55 1234 5678', 'MX', 'sms')).toBe('+525512345678');
    expect(e164('1 55 1234 5678', 'MX', 'sms')).toBe('+525512345678');
  });

  it('refuses what is not a phone number, or not one a customer carries', () => {
    expect(e164('', 'AR')).toBe('no phone number');
    expect(e164('hello', 'AR')).toBe('not a phone number');
    expect(e164('123', 'AR', 'whatsapp')).toBe('not a phone number');
    expect(e164('+55 11 8123-4567', 'BR', 'whatsapp')).toBe('not a phone number');
    expect(e164('0800 555 1234', 'AR', 'sms')).toBe('not a mobile number');
    expect(() => normalisePhone('1155550000', 'XX')).toThrow(/not a country/);
  });
});
