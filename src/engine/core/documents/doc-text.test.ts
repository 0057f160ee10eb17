import { describe, expect, it } from 'vitest';
import { docText, formatDate, formatDateTime, formatWeight, ofTotal, orderReference } from './doc-text';

describe('document text', () => {
  it('has every string in every language, none empty', () => {
    const keys = Object.keys(docText('en')).sort();
    for (const locale of ['es', 'pt', 'en'] as const) {
      expect(Object.keys(docText(locale)).sort()).toEqual(keys);
      for (const value of Object.values(docText(locale))) expect(value.trim()).not.toBe('');
    }
    expect([docText('es').bin, docText('pt').bin, docText('en').bin]).toEqual(['Ubicación', 'Localização', 'Bin']);
    expect(docText('es').qty).toBe('Cant.');
  });

  it('writes dates the way each language does, in the given time zone', () => {
    const iso = '2025-03-05T14:30:00Z';
    expect(formatDateTime(iso, 'es', 'UTC')).toMatch(/^05-03-2025,\s2:30\sp\.\sm\.$/u);
    expect(formatDateTime(iso, 'pt', 'UTC')).toMatch(/^5 de mar\.? de 2025,?\s14:30$/u);
    expect(formatDateTime(iso, 'en', 'UTC')).toMatch(/^Mar 5, 2025,\s2:30\sPM$/u);
    expect(formatDate(iso, 'en', 'UTC')).toBe('3/5/25');
    expect(formatDate(iso, 'pt', 'UTC')).toBe('05/03/2025');
  });

  it('prints a dash for a missing date and the raw value for an unreadable one', () => {
    expect(formatDateTime(null, 'es')).toBe('—');
    expect(formatDateTime('mañana', 'es')).toBe('mañana');
  });

  it('writes weights in kilograms with the language decimal separator', () => {
    expect(formatWeight(1250, 'es')).toBe('1,25 kg');
    expect(formatWeight(1250, 'pt')).toBe('1,25 kg');
    expect(formatWeight(1250, 'en')).toBe('1.25 kg');
  });

  it('builds references and counts', () => {
    expect(orderReference(1043)).toBe('AT1043');
    expect(ofTotal(1, 3)).toBe('1/3');
  });
});
