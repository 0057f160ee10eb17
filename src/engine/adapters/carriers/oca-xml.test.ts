import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ShipmentRequest } from '../../ports/carrier.port';
import { errorTexts, ingresoXml, ocaCuit, ocaDate, ocaTime, parseOca, rows, strings } from './oca-xml';
import { ocaStatus } from './oca-status';

const req: ShipmentRequest = {
  reference: 'AT2077-1',
  orderNumber: 2077,
  service: 'standard',
  from: { name: 'Atalaya Palermo', line1: 'Av. Santa Fe 3253', city: 'CABA', region: 'AR-C', postalCode: 'C1425BGH', country: 'AR' },
  to: {
    name: 'Martín "El Rayo" <b>Fernández</b> & Cía',
    line1: 'Avenida General Bartolomé Mitre y Vedia Sur 450 piso 3',
    city: 'Córdoba',
    region: 'AR-X',
    postalCode: '5000',
    country: 'AR',
    phone: '+54 351 555-0101',
  },
  parcel: { weightGrams: 1_250, lengthMm: 300, widthMm: 200, heightMm: 100 },
  declaredValue: { amount: 45_000, currency: 'ARS' },
  labelFormat: 'pdf',
};
const origin = { accountNumber: '111757/001', operativa: '64665', costCenter: '0', timeSlot: '1', originBranch: '0', date: '20240502' };
const attrs = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false });

describe('OCA ROWS document', () => {
  it('escapes every value (a name with quotes and tags stays one attribute)', () => {
    const xml = ingresoXml(req, origin);
    expect(xml.startsWith('<?xml version="1.0" encoding="iso-8859-1" standalone="yes"?><ROWS>')).toBe(true);
    expect(xml).not.toContain('<b>');
    const doc = attrs.parse(xml) as { ROWS: { origenes: { origen: { envios: { envio: { destinatario: Record<string, string> } } } } } };
    const d = doc.ROWS.origenes.origen.envios.envio.destinatario;
    expect(d.apellido).toBe('Cía');
    // Cut to OCA's 30 characters, then escaped: the cut never splits an entity.
    expect(d.nombre).toBe('Martín "El Rayo" <b>Fernández<');
  });

  it('cuts values to the documented lengths and splits street, number, surname, province', () => {
    const doc = attrs.parse(ingresoXml(req, origin)) as {
      ROWS: {
        cabecera: Record<string, string>;
        origenes: {
          origen: Record<string, string> & {
            envios: {
              envio: Record<string, string> & { destinatario: Record<string, string>; paquetes: { paquete: Record<string, string> } };
            };
          };
        };
      };
    };
    const o = doc.ROWS.origenes.origen;
    const e = o.envios.envio;
    expect(doc.ROWS.cabecera).toEqual({ ver: '2.0', nrocuenta: '111757/001' });
    expect([o.calle, o.nro, o.cp, o.provincia, o.fecha, o.idfranjahoraria]).toEqual([
      'Av. Santa Fe',
      '3253',
      '1425',
      'CAPITAL FEDERAL',
      '20240502',
      '1',
    ]);
    expect(e.idoperativa).toBe('64665');
    expect(e.nroremito).toBe('AT2077-1');
    expect(e.destinatario.calle).toBe('Avenida General Bartolomé Mitr');
    expect(e.destinatario.calle?.length).toBe(30);
    expect([e.destinatario.nro, e.destinatario.cp, e.destinatario.provincia, e.destinatario.observaciones, e.destinatario.celular]).toEqual(
      ['450', '5000', 'Córdoba', 'piso 3', '543515550101'],
    );
    expect(e.paquetes.paquete).toEqual({ alto: '10.00', ancho: '20.00', largo: '30.00', peso: '1.25', valor: '45000.00', cant: '1' });
  });
});

describe('OCA answers', () => {
  const dataSet = `<?xml version="1.0" encoding="utf-8"?><DataSet xmlns="#Oca_e_Pak"><xs:schema id="NewDataSet" xmlns:xs="x"><xs:element name="Table"/></xs:schema><diffgr:diffgram xmlns:diffgr="d" xmlns:msdata="m"><NewDataSet xmlns=""><Table diffgr:id="Table1"><NumeroEnvio>3867500000000000123</NumeroEnvio><Total>1493.82</Total></Table><Table diffgr:id="Table2"><NumeroEnvio>3867500000000000124</NumeroEnvio><Total>1.5</Total></Table></NewDataSet></diffgr:diffgram></DataSet>`;

  it('reads DataSet rows with 19-digit numbers kept as text', () => {
    expect(rows(parseOca(dataSet, 't'), 'Table')).toEqual([
      { numeroenvio: '3867500000000000123', total: '1493.82' },
      { numeroenvio: '3867500000000000124', total: '1.5' },
    ]);
  });

  it('reads <string> results and error descriptions', () => {
    expect(strings(parseOca('<string xmlns="#Oca_e_Pak">JVBERi0=</string>', 't'))).toEqual(['JVBERi0=']);
    expect(strings(parseOca('<ArrayOfString><string>^XA^XZ</string><string>^XA^FD2^XZ</string></ArrayOfString>', 't'))).toEqual([
      '^XA^XZ',
      '^XA^FD2^XZ',
    ]);
    expect(
      errorTexts(parseOca('<Resultado><Errores><Error><Descripcion>Operativa inválida</Descripcion></Error></Errores></Resultado>', 't')),
    ).toEqual(['Operativa inválida']);
  });

  it('says an answer that is not XML is a protocol problem', () => {
    expect(() => parseOca('Server Error in / Application', 'OCA quote')).toThrow(/OCA quote: OCA answered something that is not XML/);
  });

  it('reads dates with an offset, without one (Argentine time) and as dd/mm/yyyy', () => {
    expect(ocaTime('2024-05-02T10:15:00-03:00')?.toISOString()).toBe('2024-05-02T13:15:00.000Z');
    expect(ocaTime('2024-05-02T10:15:00')?.toISOString()).toBe('2024-05-02T13:15:00.000Z');
    expect(ocaTime('2/5/2024 10:15')?.toISOString()).toBe('2024-05-02T13:15:00.000Z');
    expect(ocaTime('pronto')).toBeUndefined();
  });

  it('formats the CUIT with dashes and the pickup date in Argentina', () => {
    expect(ocaCuit('30536259194')).toBe('30-53625919-4');
    expect(ocaCuit('30-53625919-4')).toBe('30-53625919-4');
    // 01:00 UTC on the 3rd is still the 2nd in Buenos Aires.
    expect(ocaDate(new Date('2024-05-03T01:00:00Z'))).toBe('20240502');
  });
});

describe('OCA states', () => {
  it('maps the texts OCA tracking shows', () => {
    expect(ocaStatus('Lógico Recibido')).toBe('ready');
    expect(ocaStatus('Despachada a Sucursal Destino')).toBe('in_transit');
    expect(ocaStatus('En Calle')).toBe('out_for_delivery');
    expect(ocaStatus('Visita')).toBe('attempt_failed');
    expect(ocaStatus('Entregada')).toBe('delivered');
    expect(ocaStatus('Entregada en Sucursal')).toBe('delivered');
    expect(ocaStatus('No Entregada')).toBe('exception');
    expect(ocaStatus('Devolución por acción del cliente')).toBe('returning');
    expect(ocaStatus('Devuelta al remitente')).toBe('returned');
    expect(ocaStatus('Anulada')).toBe('cancelled');
  });

  it('falls back to the numeric state and answers null for what it does not know', () => {
    expect(ocaStatus('Estado 17', '17')).toBe('delivered');
    expect(ocaStatus('Redireccionada por contingencia')).toBeNull();
    expect(ocaStatus('Archivada', null)).toBeNull();
  });
});
