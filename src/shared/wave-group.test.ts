import { describe, expect, it } from 'vitest';
import { describeWaveGroup } from './wave-group';

describe("a wave's grouping, for people", () => {
  it('reads each form in Spanish, Portuguese and English', () => {
    expect(describeWaveGroup('cut-off 16:00', 'es')).toBe('corte 16:00');
    expect(describeWaveGroup('cut-off 16:00 tomorrow + store pickup', 'es-AR')).toBe('corte 16:00 mañana + retiro en tienda');
    expect(describeWaveGroup('promised 12/06', 'pt-BR')).toBe('prometido para 12/06');
    expect(describeWaveGroup('home delivery', 'pt')).toBe('entrega em domicílio');
    expect(describeWaveGroup('home delivery + promised 12/06', 'en')).toBe('home delivery + promised 12/06');
  });

  it('shows a text in no known form as it came, and falls back to English for other languages', () => {
    expect(describeWaveGroup('night shift', 'es')).toBe('night shift');
    expect(describeWaveGroup('store pickup', 'fr')).toBe('store pickup');
  });
});
