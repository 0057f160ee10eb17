import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared';
import { bodyFields, expectedVersionOf, issuesOf, localesOf, parseOrderRef, partOf, smsParts } from './template-draft';

describe('template editor helpers', () => {
  it('puts each engine problem on its part of the editor', () => {
    expect(partOf('template.email.subject')).toBe('email.subject');
    expect(partOf('template.email.mjml')).toBe('email.mjml');
    expect(partOf('template.sms')).toBe('sms');
    expect(partOf('template.whatsapp.body')).toBe('whatsapp');
    expect(partOf('template.locale')).toBe('other');
    const refused = new AppError('VALIDATION_FAILED', 'The template has a problem', [
      { path: 'template.whatsapp.text', message: '{{3}} has no field' },
    ]);
    expect(issuesOf(refused)).toEqual([{ part: 'whatsapp', path: 'template.whatsapp.text', message: '{{3}} has no field' }]);
    expect(issuesOf(new AppError('VALIDATION_FAILED', 'Cannot preview'))).toEqual([{ part: 'other', path: '', message: 'Cannot preview' }]);
  });

  it('a save names the version opened: the merchant’s own of this very locale, else none', () => {
    expect(expectedVersionOf({ source: 'merchant', version: 3, locale: 'es-AR' }, 'es-AR')).toBe(3);
    expect(expectedVersionOf({ source: 'default', version: null, locale: 'es-AR' }, 'es-AR')).toBeNull();
    // A language without its own template opens the one it falls back to: saving makes the first of this one.
    expect(expectedVersionOf({ source: 'merchant', version: 2, locale: 'es' }, 'es-MX')).toBeNull();
  });

  it('offers Atalaya’s languages and the merchant’s own', () => {
    expect(localesOf([{ locale: 'es-AR' }, { locale: 'es-MX' }, { locale: 'pt-br' }])).toEqual(['es-AR', 'es', 'en', 'pt-BR', 'es-MX']);
  });

  it('reads the order to preview with as an id, a number, nothing or neither', () => {
    expect(parseOrderRef('  ')).toEqual({ kind: 'none' });
    expect(parseOrderRef('#1042')).toEqual({ kind: 'number', number: 1042 });
    expect(parseOrderRef('1042')).toEqual({ kind: 'number', number: 1042 });
    expect(parseOrderRef('7D3C1F6E-2B1A-4C3D-9E8F-0A1B2C3D4E5F')).toEqual({ kind: 'id', id: '7d3c1f6e-2b1a-4c3d-9e8f-0a1b2c3d4e5f' });
    expect(parseOrderRef('pedido de Ana')).toEqual({ kind: 'invalid' });
  });

  it('reads the WhatsApp body mapping as written, and counts SMS', () => {
    expect(bodyFields('orderNumber, merchantName,')).toEqual(['orderNumber', 'merchantName']);
    expect(smsParts('')).toEqual({ chars: 0, parts: 0, unicode: false });
    expect(smsParts('a'.repeat(160))).toMatchObject({ parts: 1, unicode: false });
    expect(smsParts('a'.repeat(161))).toMatchObject({ parts: 2 });
    // "á" is not in the GSM alphabet: 70 characters per SMS.
    expect(smsParts(`está${'a'.repeat(70)}`)).toMatchObject({ unicode: true, parts: 2 });
  });
});
