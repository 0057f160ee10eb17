/**
 * ZPL II for 4×6 thermal labels: escaping of variable text and a small writer that scales a layout
 * drawn in 203-dpi dots to the printer's resolution.
 *
 * Every variable field is written as `^FH^FD…^FS` with `_XX` hex escapes (`_` is ^FH's default
 * escape character) and the label starts `^XA^CI28`, so the printer reads the decoded bytes as
 * UTF-8: "Peñalolén" goes out as `Pe_C3_B1alol_C3_A9n` and prints with its accents, whatever the
 * transport does to bytes above 0x7F. `^` and `~` are escaped too: unescaped they would start a
 * command in the middle of a customer's address.
 */

/** The resolution layouts are drawn at: 4×6 in = 812×1218 dots. */
export const ZPL_BASE_DPI = 203;
export const LABEL_4X6_DOTS = { width: 812, height: 1218 } as const;

/** Characters that pass through a `^FH` field as they are: printable ASCII but the three ZPL specials and `\`. */
const PLAIN = /^[\x20-\x7e]$/;
const SPECIAL = new Set(['^', '~', '_', '\\']);
const HEX = (b: number): string => '_' + b.toString(16).toUpperCase().padStart(2, '0');

/**
 * Escapes text for a `^FH` field: printable ASCII stays, `^ ~ _ \` and every byte of a non-ASCII
 * character (its UTF-8 encoding) become `_XX`. Control characters (a newline in an address) become
 * a space: a label field is one line, and a raw control byte would reach the printer as a command.
 * The backslash is escaped because a `^FB` block reads `\&` as a line break.
 */
export function zplEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Unicode spaces too (Intl writes U+202F before "PM"): the printer's font may not have them.
    if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0xa0) || /\p{Zs}/u.test(ch)) out += ' ';
    else if (PLAIN.test(ch) && !SPECIAL.has(ch)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += HEX(b);
  }
  return out;
}

/** Dots at the printer's resolution for a length drawn at 203 dpi. */
export function scaleDots(dots: number, dpi: 203 | 300): number {
  return Math.round((dots * dpi) / ZPL_BASE_DPI);
}

export interface ZplTextOptions {
  /** Character height in base dots (font 0, CG Triumvirate, scalable). */
  height: number;
  /** Width of the text block in base dots: the text wraps (or is cut) inside it. */
  width: number;
  /** Lines the block may take; text beyond them is not printed. Default 1. */
  lines?: number;
  align?: 'L' | 'C' | 'R';
  /** White on black (the field reverses what is under it: draw a black box first). */
  inverse?: boolean;
}

/**
 * Builds one label. Coordinates and sizes are in 203-dpi dots; the writer scales them to the
 * target resolution so a layout prints the same size on a 203 and a 300 dpi printer.
 */
export class ZplWriter {
  private readonly parts: string[] = [];

  constructor(
    readonly dpi: 203 | 300,
    size: { width: number; height: number } = LABEL_4X6_DOTS,
  ) {
    // ^CI28 first: every ^FH field below carries UTF-8.
    this.parts.push('^XA', '^CI28', `^PW${this.d(size.width)}`, `^LL${this.d(size.height)}`, '^LH0,0');
  }

  private d(dots: number): number {
    return scaleDots(dots, this.dpi);
  }

  text(x: number, y: number, value: string, o: ZplTextOptions): this {
    const h = this.d(o.height);
    const lines = o.lines ?? 1;
    this.parts.push(
      `^FO${this.d(x)},${this.d(y)}^A0N,${h},${h}^FB${this.d(o.width)},${lines},0,${o.align ?? 'L'},0${o.inverse ? '^FR' : ''}^FH^FD${zplEscape(value)}^FS`,
    );
    return this;
  }

  /** A box (`^GB`); a thickness of half the height or more fills it. */
  box(x: number, y: number, width: number, height: number, thickness = 2): this {
    const t = Math.max(1, this.d(thickness));
    this.parts.push(`^FO${this.d(x)},${this.d(y)}^GB${Math.max(t, this.d(width))},${Math.max(t, this.d(height))},${t}^FS`);
    return this;
  }

  /**
   * A Code128 drawn by the printer (`^BC`, automatic subsets), with its text printed under it.
   * `module` is the narrow bar in base dots; it is scaled and rounded to whole printer dots.
   */
  code128(x: number, y: number, value: string, o: { height: number; module: number; readable?: boolean }): this {
    const mw = Math.max(1, this.d(o.module));
    this.parts.push(
      `^FO${this.d(x)},${this.d(y)}^BY${mw},3,${this.d(o.height)}^BCN,${this.d(o.height)},${o.readable === false ? 'N' : 'Y'},N,N,A^FH^FD${zplEscape(value)}^FS`,
    );
    return this;
  }

  /**
   * A QR drawn by the printer (`^BQ`, model 2, error correction M, automatic input). The bar height
   * `^BY` left behind by a Code128 shifts a QR down by that height on Zebra's emulators (and some
   * firmware), so it is reset to the 10-dot minimum first: the QR lands where the layout put it.
   */
  qr(x: number, y: number, value: string, o: { magnification: number }): this {
    const mag = Math.min(10, Math.max(1, this.d(o.magnification)));
    this.parts.push(`^BY2,3,10^FO${this.d(x)},${this.d(y)}^BQN,2,${mag}^FH^FDMA,${zplEscape(value)}^FS`);
    return this;
  }

  /** The label, ending `^XZ`. */
  toString(): string {
    return [...this.parts, '^XZ'].join('\n') + '\n';
  }
}
