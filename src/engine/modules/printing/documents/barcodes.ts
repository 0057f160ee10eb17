import bwipjs from 'bwip-js/node';

/**
 * Barcodes for PDF and HTML documents, encoded by bwip-js (`raw`: the bars and modules, no
 * picture) and drawn as vectors — rectangles in the PDF, one `<path>` in an inline SVG. Vectors stay
 * crisp at any printer resolution, and encoding once is fast: a 500-line pick list has 500 Code128s,
 * and drawing bwip-js PNGs for them (about 3 ms each) alone would take longer than the whole sheet may.
 * ZPL labels do not come here: the printer draws its own (`^BC`, `^BQ`).
 */
export type Barcode =
  /** Bar and space widths in modules, starting with a bar. */
  | { kind: 'linear'; widths: number[]; modules: number }
  /** Rows of dark (1) and light (0) modules, `size` × `size`. */
  | { kind: 'matrix'; cells: number[]; size: number };

/** Quiet zone a scanner needs on each side, in modules. */
export const QUIET_LINEAR = 10;
export const QUIET_MATRIX = 4;

/**
 * Encodings are kept for a while: a document renders as a PDF and as HTML from the same values, and
 * reprints render them again. Bounded — emptied when full — and never mutated by the drawers.
 */
const memo = new Map<string, Barcode>();
function remember(key: string, encode: () => Barcode): Barcode {
  let code = memo.get(key);
  if (!code) {
    if (memo.size >= 4096) memo.clear();
    code = encode();
    memo.set(key, code);
  }
  return code;
}

export function code128(text: string): Barcode {
  return remember(`c:${text}`, () => encodeCode128(text));
}

export function qrCode(text: string): Barcode {
  return remember(`q:${text}`, () => encodeQr(text));
}

function encodeCode128(text: string): Barcode {
  const [sym] = bwipjs.raw('code128', text, '') as { sbs: number[] }[];
  if (!sym) throw new Error(`bwip-js returned no Code128 for "${text}"`);
  return { kind: 'linear', widths: sym.sbs, modules: sym.sbs.reduce((a, b) => a + b, 0) };
}

function encodeQr(text: string): Barcode {
  const [sym] = bwipjs.raw('qrcode', text, 'eclevel=M') as { pixs: number[]; pixx: number; pixy: number }[];
  if (!sym) throw new Error(`bwip-js returned no QR for "${text}"`);
  return { kind: 'matrix', cells: sym.pixs, size: sym.pixx };
}

/** The dark rectangles of a barcode in module units: [x, y, width, height] (y and height in modules for matrices, 0–1 for bars). */
export function darkRects(code: Barcode): [number, number, number, number][] {
  const rects: [number, number, number, number][] = [];
  if (code.kind === 'linear') {
    let x = 0;
    code.widths.forEach((w, i) => {
      if (i % 2 === 0) rects.push([x, 0, w, 1]);
      x += w;
    });
    return rects;
  }
  // Runs of dark cells per row: fewer, wider rectangles than one per module.
  for (let y = 0; y < code.size; y++) {
    let run = -1;
    for (let x = 0; x <= code.size; x++) {
      const dark = x < code.size && code.cells[y * code.size + x] === 1;
      if (dark && run < 0) run = x;
      if (!dark && run >= 0) {
        rects.push([run, y, x - run, 1]);
        run = -1;
      }
    }
  }
  return rects;
}

/** Width of the symbol in modules (without its quiet zone). */
export function symbolModules(code: Barcode): number {
  return code.kind === 'linear' ? code.modules : code.size;
}

/**
 * The barcode as an inline SVG `width`×`height` (CSS lengths): a linear code's bars stretch to the
 * height; a matrix stays square. `crispEdges` so a browser does not blur module edges.
 */
export function barcodeSvg(code: Barcode, width: string, height: string): string {
  const w = symbolModules(code);
  const h = code.kind === 'linear' ? 1 : code.size;
  const d = darkRects(code)
    .map(([x, y, rw, rh]) => `M${x} ${y}h${rw}v${rh}h${-rw}z`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${width}" height="${height}" preserveAspectRatio="none" shape-rendering="crispEdges"><path d="${d}" fill="#000"/></svg>`;
}
