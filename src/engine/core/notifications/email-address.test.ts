import { describe, expect, it } from 'vitest';
import { checkEmail } from './email-address';

describe('checkEmail', () => {
  it('normalises what people paste', () => {
    expect(checkEmail('  Ana.Perez+pedidos@Gmail.COM ')).toEqual({ ok: true, address: 'Ana.Perez+pedidos@gmail.com' });
    expect(checkEmail('mailto:ana@example.com.ar')).toEqual({ ok: true, address: 'ana@example.com.ar' });
    expect(checkEmail('Ana Pérez <ana@example.com>')).toEqual({ ok: true, address: 'ana@example.com' });
    expect(checkEmail('ana@example.com.')).toEqual({ ok: true, address: 'ana@example.com' });
    expect(checkEmail('ana@correo.ñandú.ar')).toEqual({ ok: true, address: 'ana@correo.xn--and-6ma2c.ar' });
  });

  it('suggests the common domain a typo probably meant, without refusing it', () => {
    expect(checkEmail('ana@gmial.com')).toEqual({ ok: true, address: 'ana@gmial.com', suggestion: 'ana@gmail.com' });
    expect(checkEmail('ana@hotmial.com.ar')).toMatchObject({ suggestion: 'ana@hotmail.com.ar' });
    expect(checkEmail('ana@hotmail.es')).toEqual({ ok: true, address: 'ana@hotmail.es' });
  });

  it.each([
    ['', 'no e-mail address'],
    ['ana', 'not an e-mail address: it has no @'],
    ['ana perez@gmail.com', 'not an e-mail address: it has spaces'],
    ['ana@@gmail.com', 'not an e-mail address: it has more than one @'],
    ['@gmail.com', 'not an e-mail address: nothing before the @'],
    ['ana@', 'not an e-mail address: nothing after the @'],
    ['ana..perez@gmail.com', 'not an e-mail address: a dot at the start or end of the part before the @, or two in a row'],
    ['josé@gmail.com', 'not an e-mail address: the part before the @ has characters mail servers do not accept (accents, commas, quotes)'],
    [
      'ana,perez@gmail.com',
      'not an e-mail address: the part before the @ has characters mail servers do not accept (accents, commas, quotes)',
    ],
    ['ana@gmail', 'not an e-mail address: "gmail" is not a domain'],
    ['ana@-gmail.com', 'not an e-mail address: "-gmail.com" is not a domain'],
    ['ana@gmail.c0m', 'not an e-mail address: "gmail.c0m" does not end in a domain ending (.com, .ar …)'],
    ['ana@tienda.con', 'not an e-mail address: "tienda.con" ends in .con (.com?)'],
    [`${'a'.repeat(65)}@gmail.com`, 'not an e-mail address: the part before the @ is longer than 64 characters'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(checkEmail(raw)).toEqual({ ok: false, reason });
  });
});
