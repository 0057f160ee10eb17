import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CarrierError } from '../../ports/carrier.port';
import { mlLabelBytes, unzipEntries } from './mercadoenvios-label';

/** A ZIP archive of the given files, each deflated (method 8) or stored (method 0). */
function zip(files: { name: string; text: string; store?: boolean }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = Buffer.from(f.text, 'utf8');
    const packed = f.store ? data : deflateRawSync(data);
    const name = Buffer.from(f.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(f.store ? 0 : 8, 8);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(f.store ? 0 : 8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, name, packed);
    centrals.push(central, name);
    offset += head.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const ZPL = '^XA^FO50,50^BCN,100,Y,N,N^FD44000000001^FS^XZ';

describe('Mercado Envíos labels', () => {
  it('reads the ZPL out of the zpl2 archive, deflated or stored', () => {
    const deflated = mlLabelBytes(zip([{ name: 'Etiqueta de envio.txt', text: ZPL }]), 'zpl', 'label');
    expect(deflated).toEqual({ format: 'zpl', bytes: new Uint8Array(Buffer.from(ZPL)) });
    const stored = mlLabelBytes(
      zip([
        { name: 'readme.md', text: 'hola', store: true },
        { name: 'label.txt', text: ZPL, store: true },
      ]),
      'zpl',
      'label',
    );
    expect(Buffer.from(stored.bytes).toString()).toBe(ZPL);
    expect(
      unzipEntries(
        zip([
          { name: 'a.txt', text: 'uno' },
          { name: 'b.txt', text: 'dos' },
        ]),
      ).map((e) => [e.name, e.data.toString()]),
    ).toEqual([
      ['a.txt', 'uno'],
      ['b.txt', 'dos'],
    ]);
  });

  it('passes a PDF or bare ZPL through', () => {
    const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(mlLabelBytes(pdf, 'pdf', 'label')).toEqual({ format: 'pdf', bytes: pdf });
    expect(mlLabelBytes(new Uint8Array(Buffer.from(ZPL)), 'zpl', 'label').format).toBe('zpl');
  });

  it('refuses an archive without a label, or bytes that are no label, as a protocol error', () => {
    const noLabel = () => mlLabelBytes(zip([{ name: 'notes.txt', text: 'nothing here' }]), 'zpl', 'label 1');
    expect(noLabel).toThrow(CarrierError);
    expect(noLabel).toThrow(/holds no ZPL label \(notes\.txt\)/);
    const junk = new Uint8Array(Buffer.from('<html>login</html>'));
    expect(() => mlLabelBytes(junk, 'pdf', 'label 2')).toThrow(/neither a PDF nor a ZPL/);
    const broken = zip([{ name: 'x.txt', text: ZPL }]).subarray(0, 40);
    expect(() => mlLabelBytes(broken, 'zpl', 'label 3')).toThrow(/could not be read/);
  });
});
