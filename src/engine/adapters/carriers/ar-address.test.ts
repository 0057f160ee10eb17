import { describe, expect, it } from 'vitest';
import { fit, fold, postcodeDigits, provinceCode, provinceName, splitName, splitStreet } from './ar-address';

describe('AR address pieces', () => {
  it('splits the door number off the street line, keeping floor and flat apart', () => {
    expect(splitStreet('Av. Corrientes 1234 piso 5 B')).toEqual({ street: 'Av. Corrientes', number: '1234', rest: 'piso 5 B' });
    expect(splitStreet('Balcarce, 50')).toEqual({ street: 'Balcarce', number: '50', rest: '' });
    expect(splitStreet('Rivadavia N° 8000')).toEqual({ street: 'Rivadavia', number: '8000', rest: '' });
  });

  it('keeps a number that names the street and takes the next one as the door', () => {
    expect(splitStreet('Calle 13 1450')).toEqual({ street: 'Calle 13', number: '1450', rest: '' });
    expect(splitStreet('Ruta 8 km 50')).toEqual({ street: 'Ruta 8 km', number: '50', rest: '' });
  });

  it('says S/N when the line has no door number', () => {
    expect(splitStreet('Barrio Los Pinos')).toEqual({ street: 'Barrio Los Pinos', number: 'S/N', rest: '' });
  });

  it('splits a full name into first names and surname', () => {
    expect(splitName('Juana María  Gonzalez')).toEqual({ first: 'Juana María', last: 'Gonzalez' });
    expect(splitName('Cher')).toEqual({ first: 'Cher', last: 'Cher' });
  });

  it('reads provinces by ISO code, letter or name, with or without accents', () => {
    expect(provinceCode('AR-B')).toBe('AR-B');
    expect(provinceCode('x')).toBe('AR-X');
    expect(provinceCode('Cordoba')).toBe('AR-X');
    expect(provinceCode('CABA')).toBe('AR-C');
    expect(provinceCode('Narnia')).toBeUndefined();
    expect(provinceName('AR-Q')).toBe('Neuquén');
    expect(provinceName('Narnia')).toBe('Narnia');
  });

  it('takes the 4 digits of an AR postcode, CPA or not', () => {
    expect(postcodeDigits({ postalCode: 'C1425DKA' })).toBe('1425');
    expect(postcodeDigits({ postalCode: ' 1406 ' })).toBe('1406');
  });

  it('folds and fits texts', () => {
    expect(fold('  Entregado  en Sucursal!')).toBe('entregado en sucursal');
    expect(fit('  a   b  c ', 3)).toBe('a b');
  });
});
