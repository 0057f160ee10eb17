import { describe, expect, it } from 'vitest';
import { storableText, unstorableText, unstorableTextIssues } from './text';

describe('storable text', () => {
  it('finds NUL characters and lone surrogates, and leaves well-formed text (pairs, accents, emoji) alone', () => {
    for (const ok of ['plain', 'Córdoba', 'emoji 😀 pair', '', '\uD83D\uDE00']) expect(unstorableText(ok)).toBeNull();
    expect(unstorableText('a\u0000b')).toMatch(/NUL character.*at character 2/);
    expect(unstorableText('\uD800')).toMatch(/lone UTF-16 surrogate \(\\uD800\)/);
    expect(unstorableText('x\uDC00')).toMatch(/lone UTF-16 surrogate \(\\uDC00\) at character 2/);
    expect(unstorableText('\uDE00\uD83D')).not.toBeNull(); // a pair in the wrong order is two lone halves
  });

  it('replaces what cannot be stored, for reasons that quote what was sent', () => {
    expect(storableText('a\u0000b\uD800c\uDC00😀')).toBe('a\uFFFDb\uFFFDc\uFFFD😀');
    expect(storableText('plain')).toBe('plain');
  });

  it('names every field (values and keys, nested in objects and arrays) with a dotted path', () => {
    expect(
      unstorableTextIssues({
        customer: { name: 'Ana\u0000' },
        lines: [{ sku: 'ok' }, { sku: '\uD800' }],
        tags: { 'bad\u0000key': 1 },
        n: 1,
        b: true,
        z: null,
      }),
    ).toEqual([
      { path: 'customer.name', message: expect.stringMatching(/NUL/) },
      { path: 'lines.1.sku', message: expect.stringMatching(/surrogate/) },
      { path: 'tags.bad\uFFFDkey', message: expect.stringMatching(/^the field name contains a NUL/) },
    ]);
    expect(unstorableTextIssues('\u0000')).toEqual([{ path: '(body)', message: expect.any(String) }]);
    expect(unstorableTextIssues({ a: '\u0000' }, 'order')).toEqual([{ path: 'order.a', message: expect.any(String) }]);
    expect(unstorableTextIssues(Array.from({ length: 50 }, () => '\u0000'))).toHaveLength(20);
  });
});
