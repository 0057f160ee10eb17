import type { DocLocale, PaperSize } from '../../../../shared';
import type { Address, PackingSlipModel } from '../../../core/documents/document-models';
import { docText, formatDateTime, formatWeight, ofTotal, orderReference } from '../../../core/documents/doc-text';
import { code128, qrCode } from './barcodes';
import { drawBarcode, pdfBytes, textBox } from './pdf-canvas';
import { type Column, SheetWriter } from './sheet-writer';

/** An address as lines for a sheet: name first, then street, city, postcode and country, phone. */
export function sheetAddressLines(a: Address): string[] {
  const join = (parts: (string | null | undefined)[], sep: string) => parts.filter((p) => p && p.trim() !== '').join(sep);
  return [a.name, a.line1, a.line2 ?? '', join([a.city, a.region], ', '), join([a.postalCode, a.country], ' '), a.phone ?? ''].filter(
    (l) => l.trim() !== '',
  );
}

/** The packing slip's title: "Lista de empaque #1043". */
export function packingSlipTitle(m: PackingSlipModel, locale: DocLocale): string {
  return `${docText(locale).packingSlip} #${m.orderNumber}`;
}

/**
 * The packing slip: who it comes from and goes to, the order (and the channel's own number), what
 * is in which parcel, and the parcels. A Code128 of the order number and a QR of the order
 * reference let the packer and the customer's store scan it.
 */
export async function packingSlipToPdf(m: PackingSlipModel, paper: PaperSize, locale: DocLocale): Promise<Uint8Array> {
  const t = docText(locale);
  const orderCode = code128(String(m.orderNumber));
  const qr = qrCode(orderReference(m.orderNumber));

  const w = new SheetWriter(paper, packingSlipTitle(m, locale), (w, first) => {
    const top = w.y;
    textBox(w.doc, t.packingSlip, w.left, top, { width: w.width - 230, size: first ? 18 : 12, bold: true });
    textBox(w.doc, `${t.order} #${m.orderNumber}`, w.left, top + (first ? 24 : 16), {
      width: w.width - 230,
      size: first ? 14 : 10,
      bold: true,
    });
    if (!first) {
      w.y = top + 34;
      return;
    }
    // Order barcode and QR, top right.
    const qrSide = 64;
    if (orderCode.kind === 'linear') {
      const module = 1.2;
      const bw = orderCode.modules * module;
      drawBarcode(w.doc, orderCode, w.left + w.width - qrSide - 24 - bw, top + 2, bw, 40);
      textBox(w.doc, String(m.orderNumber), w.left + w.width - qrSide - 24 - bw, top + 45, { width: bw, size: 8, align: 'center' });
    }
    drawBarcode(w.doc, qr, w.left + w.width - qrSide, top, qrSide, qrSide);
    let y = top + qrSide + 10;
    const facts: [string, string][] = [
      [t.channel, m.channel],
      [t.externalNumber, m.externalNumber ?? t.none],
      [t.orderedAt, formatDateTime(m.orderedAt, locale)],
      [t.delivery, m.deliveryType === 'store_pickup' ? t.storePickup : t.homeDelivery],
    ];
    const colW = (w.width - qrSide - 24) / 4;
    facts.forEach(([label, value], i) => {
      textBox(w.doc, label, w.left + i * colW, y, { width: colW - 8, size: 7, color: '#444' });
      textBox(w.doc, value, w.left + i * colW, y + 8, { width: colW - 8, size: 9, bold: true });
    });
    y += 34;
    const half = (w.width - 16) / 2;
    [
      [t.shipFrom, m.shipFrom],
      [t.shipTo, m.shipTo],
    ].forEach(([label, address], i) => {
      const x = w.left + i * (half + 16);
      textBox(w.doc, label as string, x, y, { width: half, size: 8, bold: true, color: '#444' });
      sheetAddressLines(address as Address).forEach((line, j) => {
        textBox(w.doc, line, x, y + 12 + j * 13, { width: half, size: j === 0 ? 11 : 10, bold: j === 0 });
      });
    });
    w.y = y + 12 + 6 * 13 + 8;
  });

  const lineCols: Column[] = [
    { title: t.sku, width: w.width * 0.22 },
    { title: t.product, width: w.width * 0.52 },
    { title: t.qty, width: w.width * 0.1, align: 'right' },
    { title: t.parcel, width: w.width * 0.16, align: 'right' },
  ];
  const parcelsOf = m.parcels.length;
  w.heading(t.items);
  w.table(lineCols);
  for (const line of m.lines) {
    w.row(lineCols, 18, (xs, y) => {
      textBox(w.doc, line.sku, xs[0]! + 3, y + 5, { width: lineCols[0]!.width - 6, size: 9, bold: true });
      textBox(w.doc, line.productName ?? '', xs[1]! + 3, y + 5, { width: lineCols[1]!.width - 6, size: 9 });
      textBox(w.doc, String(line.quantity), xs[2]! + 3, y + 5, { width: lineCols[2]!.width - 6, size: 10, bold: true, align: 'right' });
      const parcel =
        line.parcelSeq === null ? t.none : ofTotal(line.parcelSeq, m.parcels.find((p) => p.seq === line.parcelSeq)?.of ?? parcelsOf);
      textBox(w.doc, parcel, xs[3]! + 3, y + 5, { width: lineCols[3]!.width - 6, size: 9, align: 'right' });
    });
  }

  if (m.parcels.length > 0) {
    const parcelCols: Column[] = [
      { title: t.parcel, width: w.width * 0.2 },
      { title: t.code, width: w.width * 0.5 },
      { title: t.weight, width: w.width * 0.3, align: 'right' },
    ];
    w.heading(t.parcels);
    w.table(parcelCols);
    for (const p of m.parcels) {
      w.row(parcelCols, 18, (xs, y) => {
        textBox(w.doc, ofTotal(p.seq, p.of), xs[0]! + 3, y + 5, { width: parcelCols[0]!.width - 6, size: 9, bold: true });
        textBox(w.doc, p.code, xs[1]! + 3, y + 5, { width: parcelCols[1]!.width - 6, size: 9 });
        textBox(w.doc, formatWeight(p.weightGrams, locale), xs[2]! + 3, y + 5, {
          width: parcelCols[2]!.width - 6,
          size: 9,
          align: 'right',
        });
      });
    }
  }

  if (m.notes && m.notes.trim() !== '') {
    w.heading(t.notes, 40);
    textBox(w.doc, m.notes, w.left, w.y, { width: w.width, size: 10, lines: 6 });
    w.y += 6 * 12;
  }
  w.finish(t.page, `${t.packingSlip} #${m.orderNumber}${m.externalNumber ? ` · ${m.externalNumber}` : ''}`);
  return pdfBytes(w.doc);
}
