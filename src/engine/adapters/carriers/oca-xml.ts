import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { CarrierError, type CarrierParcel, type ShipmentRequest } from '../../ports/carrier.port';
import { fit, postcodeDigits, provinceCode, provinceName, splitName, splitStreet } from './ar-address';

/**
 * OCA e-Pak speaks XML (developers.oca.com.ar/epak.html): the `.asmx` methods take form fields and
 * answer .NET DataSets (`<DataSet><xs:schema/><diffgr:diffgram><NewDataSet><Table>…`), plain
 * `<string>` results, or their own documents (`<CentrosDeImposicion><Centro>…`). The shipment itself
 * goes as an XML document in a form field (`xml_Datos`: `<ROWS><cabecera/><origenes><origen>…`),
 * built here with XMLBuilder so every value is escaped — never concatenated from user data.
 */

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Keep every value as text: a 19-digit NumeroEnvio must not become a float.
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
});

/** A parsed XML element: text, or children by name (repeated names as arrays). */
export type OcaNode = string | { [k: string]: OcaNode | OcaNode[] };
type Node = OcaNode;

/** The answer as a tree, or a protocol CarrierError when it is not XML (an HTML error page, a proxy's text). */
export function parseOca(text: string, what: string): Node {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t.startsWith('<')) {
    throw new CarrierError(`${what}: OCA answered something that is not XML (${t.slice(0, 80) || 'empty'})`, 'protocol');
  }
  try {
    return parser.parse(t) as Node;
  } catch (e) {
    throw new CarrierError(`${what}: OCA's XML could not be read (${(e as Error).message})`, 'protocol');
  }
}

/** Every node named `name` (case-insensitive) anywhere in the tree, in document order. */
export function nodes(tree: Node | Node[], name: string): Node[] {
  const want = name.toLowerCase();
  const out: Node[] = [];
  const walk = (n: Node | Node[]) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    for (const [k, v] of Object.entries(n)) {
      if (k.toLowerCase() === want) (Array.isArray(v) ? v : [v]).forEach((x) => out.push(x));
      walk(v);
    }
  };
  walk(tree);
  return out;
}

/** A row's simple fields by lower-cased name (nested elements left out). */
export function fields(n: Node): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof n !== 'object' || n === null) return out;
  for (const [k, v] of Object.entries(n)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

/** The rows named `name` (DataSet `Table`, `Centro`, `DetalleIngresos` …) as field maps. */
export function rows(tree: Node, name: string): Record<string, string>[] {
  return nodes(tree, name).map(fields);
}

/** The text of `<string>` results (one, or an ArrayOfString's many), joined. */
export function strings(tree: Node): string[] {
  return nodes(tree, 'string').filter((s): s is string => typeof s === 'string');
}

/** Error descriptions OCA puts in its answers (`<Errores><Error><Descripcion>`, `<Error>`, `<Mensaje>`). */
export function errorTexts(tree: Node): string[] {
  const out: string[] = [];
  for (const e of [...nodes(tree, 'Error'), ...nodes(tree, 'Errores')]) {
    if (typeof e === 'string') {
      if (e) out.push(e);
      continue;
    }
    const f = fields(e);
    const text = f.descripcion || f.mensaje || f.detalle;
    if (text) out.push(text);
  }
  return [...new Set(out)];
}

/** CUIT as OCA asks for it, with dashes: 30-12345678-9. */
export function ocaCuit(cuit: string): string {
  const d = cuit.replace(/\D/g, '');
  return d.length === 11 ? `${d.slice(0, 2)}-${d.slice(2, 10)}-${d.slice(10)}` : cuit.trim();
}

/** Package measures in OCA's units: cm and kg, decimals with a point. */
export function ocaPackage(p: CarrierParcel): { alto: string; ancho: string; largo: string; peso: string; volumeM3: number } {
  const cm = (mm: number | undefined, fallback: number) => (mm ? Math.max(1, mm / 10) : fallback);
  const alto = cm(p.heightMm, 10);
  const ancho = cm(p.widthMm, 20);
  const largo = cm(p.lengthMm, 30);
  return {
    alto: alto.toFixed(2),
    ancho: ancho.toFixed(2),
    largo: largo.toFixed(2),
    peso: Math.max(0.01, p.weightGrams / 1000).toFixed(2),
    volumeM3: (alto * ancho * largo) / 1_000_000,
  };
}

export interface OcaOrigin {
  accountNumber: string;
  operativa: string;
  costCenter: string;
  timeSlot: string;
  originBranch: string;
  /** Pickup date, AAAAMMDD. */
  date: string;
}

/** The province as OCA writes it: the city of Buenos Aires is "CAPITAL FEDERAL" in its examples and tables. */
export function ocaProvince(region: string | undefined): string {
  return provinceCode(region) === 'AR-C' ? 'CAPITAL FEDERAL' : provinceName(region);
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

/**
 * `xml_Datos` of `IngresoORMultiplesRetiros` for one shipment, with the documented field lengths
 * (calle 30, nro 5, cp 4 …): OCA refuses longer values, so they are cut here, not there.
 */
export function ingresoXml(req: ShipmentRequest, o: OcaOrigin): string {
  const from = splitStreet(req.from.line1);
  const to = splitStreet(req.to.line1);
  const name = splitName(req.to.name);
  const pkg = ocaPackage(req.parcel);
  const doc = {
    ROWS: {
      cabecera: { '@_ver': '2.0', '@_nrocuenta': fit(o.accountNumber, 10) },
      origenes: {
        origen: {
          '@_calle': fit(from.street, 30),
          '@_nro': fit(from.number, 5),
          '@_piso': '',
          '@_depto': '',
          '@_cp': postcodeDigits(req.from).slice(0, 4),
          '@_localidad': fit(req.from.city, 30),
          '@_provincia': fit(ocaProvince(req.from.region), 30),
          '@_contacto': fit(req.from.name, 30),
          '@_email': fit(req.from.email, 100),
          '@_solicitante': fit(req.from.name, 30),
          '@_observaciones': fit(`Pedido #${req.orderNumber}`, 100),
          '@_centrocosto': fit(o.costCenter, 10),
          '@_idfranjahoraria': fit(o.timeSlot, 1),
          '@_idcentroimposicionorigen': fit(o.originBranch, 3),
          '@_fecha': o.date,
          envios: {
            envio: {
              '@_idoperativa': fit(o.operativa, 6),
              '@_nroremito': fit(req.reference, 30),
              destinatario: {
                '@_apellido': fit(name.last, 30),
                '@_nombre': fit(name.first, 30),
                '@_calle': fit(to.street, 30),
                '@_nro': fit(to.number, 5),
                '@_piso': '',
                '@_depto': '',
                '@_localidad': fit(req.to.city, 30),
                '@_provincia': fit(ocaProvince(req.to.region), 30),
                '@_cp': postcodeDigits(req.to).slice(0, 4),
                '@_telefono': fit(req.to.phone, 30),
                '@_email': fit(req.to.email, 100),
                '@_idci': '0',
                '@_celular': fit(req.to.phone?.replace(/[^\d]/g, ''), 15),
                '@_observaciones': fit(to.rest, 100),
              },
              paquetes: {
                paquete: {
                  '@_alto': pkg.alto,
                  '@_ancho': pkg.ancho,
                  '@_largo': pkg.largo,
                  '@_peso': pkg.peso,
                  '@_valor': req.declaredValue.amount.toFixed(2),
                  '@_cant': '1',
                },
              },
            },
          },
        },
      },
    },
  };
  return `<?xml version="1.0" encoding="iso-8859-1" standalone="yes"?>${builder.build(doc) as string}`;
}

/** Today in Argentina as AAAAMMDD (OCA's pickup date). */
export function ocaDate(now: Date): string {
  const ar = new Date(now.getTime() - 3 * 3_600_000);
  return ar.toISOString().slice(0, 10).replace(/-/g, '');
}

/** OCA's dates: DataSet dateTimes ("2026-10-06T14:35:00-03:00"), bare local ones, or "06/10/2026 14:35". */
export function ocaTime(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(text.trim());
  const iso = dmy
    ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}T${(dmy[4] ?? '0').padStart(2, '0')}:${dmy[5] ?? '00'}:${dmy[6] ?? '00'}-03:00`
    : /(z|[+-]\d{2}:?\d{2})$/i.test(text.trim())
      ? text.trim()
      : `${text.trim()}-03:00`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
