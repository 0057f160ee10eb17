import { describe, expect, it } from 'vitest';
import { NotifierError } from '../../ports/notifier.port';
import { providerFor } from './registry';

describe('providerFor', () => {
  it('builds each channel’s provider from its settings', async () => {
    const providers = [
      providerFor({
        channel: 'email',
        host: 'smtp.example.com',
        port: 587,
        auth: { user: 'u', pass: 'p' },
        from: { address: 'a@tienda.example' },
      }),
      providerFor('whatsapp', { phoneNumberId: '1065', accessToken: 'EAAx' }),
      providerFor('sms', { baseUrl: 'https://sms.example.com/v1', token: 't' }),
      providerFor({ channel: 'webhook' }),
    ];
    expect(providers.map((p) => p.channel)).toEqual(['email', 'whatsapp', 'sms', 'webhook']);
    await Promise.all(providers.map((p) => p.close()));
  });

  it('refuses bad settings as config, naming the field and never echoing a value', () => {
    let error: unknown;
    try {
      providerFor('sms', { baseUrl: 'not a url', token: '', extra: 'super-secret-token' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotifierError);
    const e = error as NotifierError;
    expect(e.kind).toBe('config');
    expect(e.message).toMatch(/^sms settings are not valid: .*baseUrl.*token/);
    expect(e.message).not.toContain('super-secret-token');
    expect(() => providerFor({ channel: 'pigeon' })).toThrow(/settings are not valid/);
  });
});
