import { describe, expect, it } from 'vitest';
import { toWinAnsi } from './win-ansi';

describe('text for the PDF standard font (WinAnsi)', () => {
  it('keeps the accents of Spanish and Portuguese and the WinAnsi punctuation', () => {
    const text = 'á é í ó ú ü ñ Ñ ã õ ç Â Ê Ô à ¡¿ « » € – — “ ” …';
    expect(toWinAnsi(text)).toBe(text);
    expect(toWinAnsi('Yerba Mate Ñandú, Pão de Queijo, Peñalolén')).toBe('Yerba Mate Ñandú, Pão de Queijo, Peñalolén');
  });

  it('replaces what Helvetica lacks: by the bare letter when there is one, else "?"', () => {
    expect(toWinAnsi('Erdős Kraków')).toBe('Erdos Kraków');
    expect(toWinAnsi('Łódź')).toBe('?ódz');
    expect(toWinAnsi('box 📦 中')).toBe('box ? ?');
  });

  it('puts line breaks and tabs on one line, and prints odd spaces as spaces', () => {
    expect(toWinAnsi('a\nb\tc')).toBe('a b c');
    expect(toWinAnsi('2:30\u202fPM\u2009x')).toBe('2:30 PM x');
  });
});
