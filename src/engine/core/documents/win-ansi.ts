/**
 * PDF documents are set in the standard Helvetica, which knows the WinAnsi characters only: all of
 * Latin-1 (á é í ó ú ñ ã õ ç ü…) and a few more (€ “ ” – — …). A character outside it would print as
 * a wrong glyph, so it is replaced before it reaches the PDF: by its letter without the accent when
 * it has one ("ő" → "o", "Ł" stays unknown), otherwise by "?".
 */
const EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Whether Helvetica (WinAnsiEncoding) can print this character. */
export function inWinAnsi(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || EXTRA.includes(ch);
}

/** The text with every character Helvetica cannot print replaced (see above); newlines, tabs and odd spaces become spaces. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    // Line breaks, tabs and the other Unicode spaces (Intl puts U+202F before "PM") become a space.
    if (ch === '\n' || ch === '\r' || ch === '\t' || (ch !== '\u00a0' && /\p{Zs}/u.test(ch))) out += ' ';
    else if (inWinAnsi(ch)) out += ch;
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare !== '' && [...bare].every(inWinAnsi) ? bare : '?';
    }
  }
  return out;
}
