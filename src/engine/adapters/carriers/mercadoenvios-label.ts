import { inflateRawSync } from 'node:zlib';
import { CarrierError, type CarrierLabel } from '../../ports/carrier.port';

/**
 * Reading `GET /shipment_labels?shipment_ids=…&response_type=pdf|zpl2` (developers.mercadolibre.com.ar,
 * "Envíos" → "Imprimir etiquetas"): `pdf` answers the PDF itself; `zpl2` answers a ZIP archive holding
 * the label as a text file of ZPL II (one label per shipment asked). A shipment that cannot be printed
 * answers JSON instead (`failed_shipments`), read by the adapter.
 */

const u16 = (b: Buffer, at: number) => b.readUInt16LE(at);
const u32 = (b: Buffer, at: number) => b.readUInt32LE(at);

/** The files of a ZIP archive (stored or deflated entries, no ZIP64 — a label archive is small). */
export function unzipEntries(bytes: Uint8Array): { name: string; data: Buffer }[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 64 KiB (its comment is at most that).
  let eocd = -1;
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (u32(b, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP archive (no end of central directory)');
  const count = u16(b, eocd + 10);
  let at = u32(b, eocd + 16);
  const out: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(b, at) !== 0x02014b50) throw new Error('ZIP central directory is damaged');
    const method = u16(b, at + 10);
    const size = u32(b, at + 20);
    const nameLen = u16(b, at + 28);
    const skip = nameLen + u16(b, at + 30) + u16(b, at + 32);
    const local = u32(b, at + 42);
    const name = b.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    if (u32(b, local) !== 0x04034b50) throw new Error(`ZIP entry ${name} is damaged`);
    const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    const raw = b.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`ZIP entry ${name} uses compression ${method}, which we do not read`);
    if (!name.endsWith('/')) out.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + skip;
  }
  return out;
}

const isPdf = (b: Uint8Array) => Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-';
const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isZpl = (b: Uint8Array) => /\^XA[\s\S]*\^XZ/.test(Buffer.from(b).toString('utf8'));

/** The label in the bytes ML answered: the PDF, or the ZPL from inside the ZIP (or bare ZPL). */
export function mlLabelBytes(bytes: Uint8Array, asked: 'pdf' | 'zpl', what: string): CarrierLabel {
  if (isPdf(bytes)) return { format: 'pdf', bytes };
  // The archive first: a stored (uncompressed) entry shows its ZPL through the ZIP headers.
  if (isZip(bytes)) {
    let entries: { name: string; data: Buffer }[];
    try {
      entries = unzipEntries(bytes);
    } catch (e) {
      throw new CarrierError(`${what}: Mercado Libre's ZPL archive could not be read (${(e as Error).message})`, 'protocol');
    }
    const zpl = entries.find((e) => isZpl(e.data));
    if (zpl) return { format: 'zpl', bytes: new Uint8Array(zpl.data) };
    const pdf = entries.find((e) => isPdf(e.data));
    if (pdf) return { format: 'pdf', bytes: new Uint8Array(pdf.data) };
    throw new CarrierError(
      `${what}: Mercado Libre's archive holds no ZPL label (${entries.map((e) => e.name).join(', ') || 'empty'})`,
      'protocol',
    );
  }
  if (isZpl(bytes)) return { format: 'zpl', bytes };
  throw new CarrierError(`${what}: Mercado Libre answered neither a PDF nor a ZPL label (asked for ${asked})`, 'protocol');
}
