import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import { ZplWriter } from '../../core/documents/zpl';
import type { CarrierAddress, CarrierLabel } from '../../ports/carrier.port';

/**
 * The simulator's 4×6 in label: the carrier's name and service, a Code128 of the tracking number, the
 * sender and the recipient. ZPL (`^XA^CI28 … ^XZ`, UTF-8 fields through the core's ZplWriter) or a
 * one-page PDF (pdfkit, the barcode drawn by bwip-js). Addresses are what the create call gave; a
 * label asked for later on another engine node has only what the tracking number carries (see
 * simulator.carrier.ts).
 */
export interface SimulatorLabelData {
  carrierName: string;
  serviceName: string;
  trackingNumber: string;
  reference?: string;
  orderNumber?: number;
  from?: CarrierAddress;
  to?: CarrierAddress;
  /** The destination postcode from the tracking number, when the addresses are not known. */
  postcode: string;
}

const lines = (a: CarrierAddress | undefined): string[] =>
  a ? [a.name, a.line1, [a.postalCode, a.city, a.region].filter(Boolean).join(' '), a.country] : [];

function zplLabel(d: SimulatorLabelData): Uint8Array {
  const z = new ZplWriter(203);
  z.text(30, 30, d.carrierName, { height: 48, width: 750 });
  z.text(30, 90, `Servicio ${d.serviceName}`, { height: 32, width: 750 });
  z.box(30, 140, 752, 2);
  z.text(30, 160, 'REMITENTE', { height: 24, width: 750 });
  lines(d.from).forEach((l, i) => z.text(30, 190 + i * 30, l, { height: 26, width: 750 }));
  z.box(30, 320, 752, 2);
  z.text(30, 340, 'DESTINATARIO', { height: 24, width: 750 });
  const to = lines(d.to);
  (to.length ? to : [`CP ${d.postcode}`]).forEach((l, i) => z.text(30, 372 + i * 40, l, { height: 36, width: 750 }));
  z.box(30, 560, 752, 2);
  z.code128(60, 600, d.trackingNumber, { height: 200, module: 2 });
  const ref = [d.orderNumber !== undefined ? `Pedido #${d.orderNumber}` : '', d.reference ?? ''].filter(Boolean).join(' · ');
  if (ref) z.text(30, 880, ref, { height: 30, width: 750 });
  z.text(30, 1150, 'SANDBOX — etiqueta de prueba del simulador', { height: 24, width: 750 });
  return new TextEncoder().encode(z.toString());
}

async function pdfLabel(d: SimulatorLabelData): Promise<Uint8Array> {
  const barcode = await bwipjs.toBuffer({ bcid: 'code128', text: d.trackingNumber, scale: 2, height: 14, includetext: true });
  const doc = new PDFDocument({ size: [288, 432], margin: 14, info: { Title: `${d.carrierName} ${d.trackingNumber}` } });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(d.carrierName);
  doc.font('Helvetica').fontSize(10).text(`Servicio ${d.serviceName}`).moveDown(0.5);
  doc.font('Helvetica-Bold').fontSize(8).text('REMITENTE');
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(lines(d.from).join('\n') || '—')
    .moveDown(0.5);
  doc.font('Helvetica-Bold').fontSize(8).text('DESTINATARIO');
  const to = lines(d.to);
  doc
    .font('Helvetica')
    .fontSize(12)
    .text((to.length ? to : [`CP ${d.postcode}`]).join('\n'))
    .moveDown(0.5);
  doc.image(barcode, { fit: [260, 90], align: 'center' });
  doc.moveDown(0.5);
  const ref = [d.orderNumber !== undefined ? `Pedido #${d.orderNumber}` : '', d.reference ?? ''].filter(Boolean).join(' · ');
  if (ref) doc.fontSize(9).text(ref);
  doc.fontSize(7).text('SANDBOX — etiqueta de prueba del simulador', 14, 410);
  doc.end();
  return done;
}

/** The label in the format asked for. */
export async function simulatorLabel(d: SimulatorLabelData, format: 'zpl' | 'pdf'): Promise<CarrierLabel> {
  return format === 'zpl' ? { format, bytes: zplLabel(d) } : { format, bytes: await pdfLabel(d) };
}
