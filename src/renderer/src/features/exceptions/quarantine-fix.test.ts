import { describe, expect, it } from 'vitest';
import { reasonText } from '../../../../shared';
import { knownFixes, replaceSku, setValueAt, valueAt } from './quarantine-fix';

describe('quarantine fix forms', () => {
  it('offers a SKU mapping for an unknown SKU and a field value for other issues', () => {
    const issues = [
      { path: 'lines.0.channelSku', message: reasonText('intake.unknown_sku_unmapped', { sku: 'SKU-TYPO' }) },
      { path: 'lines.1.sku', message: reasonText('intake.unknown_sku', { sku: 'SKU-TYPO' }) },
      { path: 'shipTo.city', message: 'city is required' },
    ];
    expect(knownFixes(issues)).toEqual([
      { type: 'sku', sku: 'SKU-TYPO', path: 'lines.0.channelSku' },
      { type: 'field', path: 'shipTo.city' },
    ]);
  });

  it('replaces the SKU wherever the channel put it, and sets a field at its path', () => {
    const body = JSON.stringify({
      lines: [
        { sku: 'SKU-TYPO', quantity: 1 },
        { sku: 'OK', note: 'SKU-TYPO!' },
      ],
    });
    expect(JSON.parse(replaceSku(body, 'SKU-TYPO', 'SKU-A')!)).toEqual({
      lines: [
        { sku: 'SKU-A', quantity: 1 },
        { sku: 'OK', note: 'SKU-TYPO!' },
      ],
    });
    expect(replaceSku('not json', 'a', 'b')).toBeNull();
    const fixed = setValueAt(body, 'shipTo.city', 'Rosario')!;
    expect(valueAt(fixed, 'shipTo.city')).toBe('Rosario');
    expect(JSON.parse(setValueAt(body, 'lines.0.quantity', '3')!).lines[0].quantity).toBe(3);
    expect(valueAt(body, 'lines.0.sku')).toBe('SKU-TYPO');
    expect(valueAt(body, 'nope.x')).toBe('');
  });
});
