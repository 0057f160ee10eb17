import { describe, expect, it } from 'vitest';
import { splitStreetLine } from './street-line';

describe('street line', () => {
  it('splits street, door number and the rest', () => {
    expect(splitStreetLine('Av. Vasconcelos 1400')).toEqual({ street: 'Av. Vasconcelos', number: '1400', complement: '' });
    expect(splitStreetLine('Insurgentes Sur 1602 int. 4')).toEqual({ street: 'Insurgentes Sur', number: '1602', complement: 'int. 4' });
    expect(splitStreetLine('Rua Paracatu, 60, apto 12')).toEqual({ street: 'Rua Paracatu', number: '60', complement: 'apto 12' });
    expect(splitStreetLine('Rua Augusta nº 1500')).toEqual({ street: 'Rua Augusta', number: '1500', complement: '' });
    expect(splitStreetLine('Calle Juárez #45B')).toEqual({ street: 'Calle Juárez', number: '45B', complement: '' });
  });

  it('keeps a number that names the street, and says S/N without a door number', () => {
    expect(splitStreetLine('Calle 13 1450')).toEqual({ street: 'Calle 13', number: '1450', complement: '' });
    expect(splitStreetLine('Rua 7 de Setembro 200 sala 3')).toEqual({ street: 'Rua 7 de Setembro', number: '200', complement: 'sala 3' });
    expect(splitStreetLine('  Camino Real  ')).toEqual({ street: 'Camino Real', number: 'S/N', complement: '' });
    expect(splitStreetLine('100 Main')).toEqual({ street: '100 Main', number: 'S/N', complement: '' });
  });
});
