import type { DocLocale } from '../../../shared';
import type { Address, PickupLabelModel, ReturnLabelModel, ShippingLabelModel } from './document-models';
import { docText, formatDate, formatDateTime, formatWeight, ofTotal, orderReference } from './doc-text';

/**
 * The 4×6 labels drawn once, as elements in 203-dpi dots (812×1218), and rendered three ways: ZPL
 * for thermal printers, PDF for the others, HTML for previews and Electron. One layout keeps the
 * three looking alike; a change to a label is made here.
 */
export type LabelElement =
  | {
      type: 'text';
      x: number;
      y: number;
      /** Block width: the text wraps inside it and is cut after `lines`. */
      width: number;
      /** Character height. */
      height: number;
      lines?: number;
      align?: 'L' | 'C' | 'R';
      /** White on a black band (draw the band with a filled box first). */
      inverse?: boolean;
      value: string;
    }
  | { type: 'box'; x: number; y: number; width: number; height: number; thickness: number }
  | { type: 'code128'; x: number; y: number; height: number; module: number; value: string }
  | { type: 'qr'; x: number; y: number; magnification: number; value: string };

const M = 30; // margin
const W = 812 - 2 * M; // usable width

/** A Code128's narrow bar: as wide as the code allows on a 752-dot line (4 dots for "AT1043-1", 2 for long codes). */
export function code128Module(value: string): number {
  return value.length <= 10 ? 4 : value.length <= 16 ? 3 : 2;
}

const text = (
  x: number,
  y: number,
  width: number,
  height: number,
  value: string,
  more: Partial<Extract<LabelElement, { type: 'text' }>> = {},
): LabelElement => ({
  type: 'text',
  x,
  y,
  width,
  height,
  value,
  ...more,
});
const rule = (y: number): LabelElement => ({ type: 'box', x: M, y, width: W, height: 0, thickness: 3 });
const band = (y: number, height: number, value: string): LabelElement[] => [
  { type: 'box', x: M, y, width: W, height, thickness: height },
  text(M, y + Math.round(height * 0.2), W, Math.round(height * 0.62), value, { align: 'C', inverse: true }),
];

function addressLines(a: Address, compact: boolean): string[] {
  const join = (parts: (string | null | undefined)[], sep: string) => parts.filter((p) => p && p.trim() !== '').join(sep);
  if (compact) return [join([a.line1, a.line2], ', '), join([a.postalCode, join([a.city, a.region], ', '), a.country], ' ')];
  return [a.line1, a.line2 ?? '', join([a.city, a.region], ', '), join([a.postalCode, a.country], ' '), a.phone ?? ''].filter(
    (l) => l.trim() !== '',
  );
}

/**
 * An address block: the name, then the lines; returns the elements and where the block ends. A
 * small block (the sender) takes three lines; a big one (the addressee) is read from a metre away.
 */
function addressBlock(x: number, y: number, width: number, a: Address, big: boolean): { els: LabelElement[]; end: number } {
  const nameH = big ? 48 : 26;
  const lineH = big ? 36 : 22;
  // Font 0 is condensed: about half its height per character. A long name wraps to a second line.
  const nameLines = big && a.name.length * nameH * 0.5 > width ? 2 : 1;
  const els: LabelElement[] = [text(x, y, width, nameH, a.name, { lines: nameLines })];
  let at = y + nameLines * nameH + (big ? 14 : 6);
  for (const line of addressLines(a, !big)) {
    els.push(text(x, at, width, lineH, line));
    at += lineH + 6;
  }
  return { els, end: at };
}

export function shippingLabelLayout(m: ShippingLabelModel, locale: DocLocale): LabelElement[] {
  const t = docText(locale);
  const from = addressBlock(M, 50, 500, m.shipFrom, false);
  const to = addressBlock(M, 210, W, m.shipTo, true);
  const toEnd = Math.max(to.end, 520);
  const infoY = toEnd + 20;
  const codeY = infoY + 120;
  const bottomY = codeY + 300;
  return [
    text(M, 20, 500, 22, t.from.toUpperCase()),
    ...from.els,
    text(540, 20, W + M - 540, 40, m.carrier ?? '', { align: 'R' }),
    text(540, 70, W + M - 540, 26, m.service ?? '', { align: 'R', lines: 2 }),
    rule(180),
    text(M, 185, W, 22, t.to.toUpperCase()),
    ...to.els,
    rule(toEnd),
    text(M, infoY, 480, 44, `${t.order} #${m.orderNumber}`),
    text(M + 480, infoY, W - 480, 44, `${t.parcel} ${ofTotal(m.seq, m.of)}`, { align: 'R' }),
    text(M, infoY + 56, 260, 30, `${t.weight} ${formatWeight(m.weightGrams, locale)}`),
    text(M + 260, infoY + 56, W - 260, 30, m.promisedAt ? `${t.promised} ${formatDate(m.promisedAt, locale)}` : '', { align: 'R' }),
    rule(codeY - 16),
    { type: 'code128', x: M + 30, y: codeY + 10, height: 200, module: code128Module(m.parcelCode), value: m.parcelCode },
    rule(bottomY),
    text(M, bottomY + 24, 500, 26, m.trackingNumber ? `${t.tracking}:` : ''),
    text(M, bottomY + 58, 500, 34, m.trackingNumber ?? '', { lines: 2 }),
    text(M, bottomY + 140, 500, 26, orderReference(m.orderNumber)),
    { type: 'qr', x: 600, y: bottomY + 14, magnification: 6, value: `${orderReference(m.orderNumber)}|${m.parcelCode}` },
  ];
}

export function pickupLabelLayout(m: PickupLabelModel, locale: DocLocale): LabelElement[] {
  const t = docText(locale);
  return [
    ...band(30, 90, t.pickupBanner),
    text(M, 150, W, 30, `${t.order}`),
    text(M, 185, W, 90, `#${m.orderNumber}`),
    text(M, 300, W, 56, m.customerName, { lines: 2 }),
    text(M, 430, W, 32, m.locationName, { lines: 2 }),
    text(M, 520, 370, 30, `${t.units}: ${m.units}`),
    text(M, 570, 420, 26, `${t.readyAt}: ${formatDateTime(m.readyAt, locale)}`, { lines: 2 }),
    text(M, 640, 420, 30, `${t.collectBy}:`),
    text(M, 676, 420, 34, formatDateTime(m.expiresAt, locale), { lines: 2 }),
    { type: 'qr', x: 480, y: 500, magnification: 10, value: m.reference },
    rule(840),
    { type: 'code128', x: M + 30, y: 880, height: 200, module: code128Module(m.reference), value: m.reference },
  ];
}

export function returnLabelLayout(m: ReturnLabelModel, locale: DocLocale): LabelElement[] {
  const t = docText(locale);
  const from = addressBlock(M, 160, W, m.from, false);
  const toTop = Math.max(from.end, 300) + 20;
  const to = addressBlock(M, toTop + 30, W, m.to, true);
  const infoY = Math.max(to.end, toTop + 300) + 10;
  return [
    ...band(30, 90, t.returnBanner),
    text(M, 135, W, 22, t.from.toUpperCase()),
    ...from.els,
    rule(toTop),
    text(M, toTop + 5, W, 22, t.to.toUpperCase()),
    ...to.els,
    rule(infoY),
    text(M, infoY + 16, 480, 36, `${t.order} #${m.orderNumber}`),
    text(M + 480, infoY + 16, W - 480, 28, m.carrier ?? '', { align: 'R' }),
    text(M, infoY + 64, W, 28, m.trackingNumber ? `${t.tracking}: ${m.trackingNumber}` : ''),
    text(M, infoY + 100, W, 28, m.expiresAt ? `${t.validUntil}: ${formatDateTime(m.expiresAt, locale)}` : ''),
    text(M, infoY + 150, W, 26, `${t.returnCode}:`),
    { type: 'code128', x: M + 30, y: infoY + 190, height: 180, module: code128Module(m.returnCode), value: m.returnCode },
  ];
}
