import { describe, expect, it } from 'vitest';
import { numberOrNull, specValue, withSpecList, withSpecValue } from './spec-edit';

const text = JSON.stringify({ strategies: [{ name: 'a', weights: { distance: 1 } }], reoptimisation: { enabled: true } }, null, 2);

describe('editing the profile spec from the form', () => {
  it('reads and writes a value deep in the spec, keeping the rest', () => {
    expect(specValue(text, ['strategies', 0, 'weights', 'distance'])).toBe(1);
    const t2 = withSpecValue(text, ['strategies', 0, 'weights', 'distance'], 4);
    expect(JSON.parse(t2)).toEqual({ strategies: [{ name: 'a', weights: { distance: 4 } }], reoptimisation: { enabled: true } });
    // Objects on the way are created; undefined removes a key.
    expect(JSON.parse(withSpecValue(text, ['strategies', 0, 'lineSplit', 'enabled'], true)).strategies[0].lineSplit).toEqual({
      enabled: true,
    });
    expect(JSON.parse(withSpecValue(text, ['reoptimisation', 'enabled'], undefined)).reoptimisation).toEqual({});
  });

  it('adds and removes strategies as list edits', () => {
    const two = withSpecList(text, ['strategies'], (l) => [...l, { name: 'b' }]);
    expect(specValue(two, ['strategies', 1, 'name'])).toBe('b');
    expect(JSON.parse(withSpecValue(two, ['strategies', 0], undefined)).strategies).toEqual([{ name: 'b' }]);
  });

  it('leaves text that is not valid JSON as it is (the person fixes it in the JSON view)', () => {
    expect(withSpecValue('{ nope', ['a'], 1)).toBe('{ nope');
    expect(specValue('{ nope', ['a'])).toBeUndefined();
  });

  it('reads numbers typed in fields: empty is "no limit", garbage is refused', () => {
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull('12.5')).toBe(12.5);
    expect(numberOrNull('x')).toBeUndefined();
  });
});
