import type { DocLocale } from '../../../shared';

/**
 * What printed documents say, in Spanish, Portuguese and English, and how they write dates,
 * weights and references. One table per language with the same keys, so a missing translation is
 * a type error rather than a blank on paper.
 */
const ES = {
  pickList: 'Lista de picking',
  wave: 'Ola',
  location: 'Local',
  groupedBy: 'Agrupado por',
  cutoff: 'Corte',
  releasedBy: 'Liberada por',
  releasedAt: 'Liberada el',
  sortTitle: 'Clasificación por pedido',
  slot: 'Casillero',
  order: 'Pedido',
  customer: 'Cliente',
  units: 'Unid.',
  walkTitle: 'Recorrido',
  bin: 'Ubicación',
  sku: 'SKU',
  product: 'Producto',
  ean: 'EAN',
  qty: 'Cant.',
  sortTo: 'Reparto',
  scan: 'Escanear',
  page: 'Página',
  noBin: 'sin ubicación',
  none: '—',
  packingSlip: 'Lista de empaque',
  shipFrom: 'Remitente',
  shipTo: 'Destinatario',
  channel: 'Canal',
  externalNumber: 'N.º externo',
  orderedAt: 'Fecha del pedido',
  delivery: 'Entrega',
  homeDelivery: 'Despacho a domicilio',
  storePickup: 'Retiro en tienda',
  items: 'Artículos',
  parcel: 'Bulto',
  parcels: 'Bultos',
  code: 'Código',
  weight: 'Peso',
  notes: 'Notas',
  from: 'De',
  to: 'Para',
  carrier: 'Transportista',
  service: 'Servicio',
  tracking: 'Seguimiento',
  promised: 'Entrega prometida',
  pickupBanner: 'RETIRO EN TIENDA',
  readyAt: 'Listo',
  collectBy: 'Retirar antes de',
  returnBanner: 'DEVOLUCIÓN',
  returnCode: 'Código de devolución',
  validUntil: 'Válida hasta',
  carrierZpl: 'Etiqueta del transportista (ZPL)',
  carrierPdf: 'Etiqueta del transportista (PDF)',
};

export type DocStrings = typeof ES;

const PT: DocStrings = {
  pickList: 'Lista de separação',
  wave: 'Onda',
  location: 'Local',
  groupedBy: 'Agrupado por',
  cutoff: 'Corte',
  releasedBy: 'Liberada por',
  releasedAt: 'Liberada em',
  sortTitle: 'Separação por pedido',
  slot: 'Escaninho',
  order: 'Pedido',
  customer: 'Cliente',
  units: 'Unid.',
  walkTitle: 'Percurso',
  bin: 'Localização',
  sku: 'SKU',
  product: 'Produto',
  ean: 'EAN',
  qty: 'Qtd.',
  sortTo: 'Distribuição',
  scan: 'Escanear',
  page: 'Página',
  noBin: 'sem localização',
  none: '—',
  packingSlip: 'Lista de embalagem',
  shipFrom: 'Remetente',
  shipTo: 'Destinatário',
  channel: 'Canal',
  externalNumber: 'N.º externo',
  orderedAt: 'Data do pedido',
  delivery: 'Entrega',
  homeDelivery: 'Entrega em domicílio',
  storePickup: 'Retirada na loja',
  items: 'Itens',
  parcel: 'Volume',
  parcels: 'Volumes',
  code: 'Código',
  weight: 'Peso',
  notes: 'Observações',
  from: 'De',
  to: 'Para',
  carrier: 'Transportadora',
  service: 'Serviço',
  tracking: 'Rastreio',
  promised: 'Entrega prevista',
  pickupBanner: 'RETIRADA NA LOJA',
  readyAt: 'Pronto',
  collectBy: 'Retirar até',
  returnBanner: 'DEVOLUÇÃO',
  returnCode: 'Código de devolução',
  validUntil: 'Válida até',
  carrierZpl: 'Etiqueta da transportadora (ZPL)',
  carrierPdf: 'Etiqueta da transportadora (PDF)',
};

const EN: DocStrings = {
  pickList: 'Pick list',
  wave: 'Wave',
  location: 'Location',
  groupedBy: 'Grouped by',
  cutoff: 'Cut-off',
  releasedBy: 'Released by',
  releasedAt: 'Released at',
  sortTitle: 'Sort to orders',
  slot: 'Slot',
  order: 'Order',
  customer: 'Customer',
  units: 'Units',
  walkTitle: 'Walk',
  bin: 'Bin',
  sku: 'SKU',
  product: 'Product',
  ean: 'EAN',
  qty: 'Qty',
  sortTo: 'Sort to',
  scan: 'Scan',
  page: 'Page',
  noBin: 'no bin',
  none: '—',
  packingSlip: 'Packing slip',
  shipFrom: 'Ship from',
  shipTo: 'Ship to',
  channel: 'Channel',
  externalNumber: 'External no.',
  orderedAt: 'Ordered',
  delivery: 'Delivery',
  homeDelivery: 'Home delivery',
  storePickup: 'Store pickup',
  items: 'Items',
  parcel: 'Parcel',
  parcels: 'Parcels',
  code: 'Code',
  weight: 'Weight',
  notes: 'Notes',
  from: 'From',
  to: 'To',
  carrier: 'Carrier',
  service: 'Service',
  tracking: 'Tracking',
  promised: 'Deliver by',
  pickupBanner: 'STORE PICKUP',
  readyAt: 'Ready',
  collectBy: 'Collect by',
  returnBanner: 'RETURN',
  returnCode: 'Return code',
  validUntil: 'Valid until',
  carrierZpl: 'Carrier label (ZPL)',
  carrierPdf: 'Carrier label (PDF)',
};

const STRINGS: Record<DocLocale, DocStrings> = { es: ES, pt: PT, en: EN };
/** The BCP 47 tag each document language formats dates and numbers with. */
const INTL_TAG: Record<DocLocale, string> = { es: 'es-CL', pt: 'pt-BR', en: 'en-US' };

/**
 * Intl formatters are costly to build (tens of milliseconds the first time); a document formats
 * dates many times, so each kind is built once per language and time zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormatter(locale: DocLocale, withTime: boolean, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      INTL_TAG[locale],
      withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone } : { dateStyle: 'short', timeZone },
    );
    formatters.set(key, f);
  }
  return f;
}

export function docText(locale: DocLocale): DocStrings {
  return STRINGS[locale];
}

/**
 * A date and time as people of that language write it ("05/03/2025, 14:30" in Spanish,
 * "Mar 5, 2025, 2:30 PM" in English), in the station's time zone unless one is given: the paper
 * is read beside the printer. An unreadable date prints as it came rather than "Invalid Date".
 */
export function formatDateTime(iso: string | null, locale: DocLocale, timeZone?: string): string {
  if (!iso) return STRINGS[locale].none;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormatter(locale, true, timeZone).format(date);
}

/** A date without the time ("05-03-2025"), for promises made by the day. */
export function formatDate(iso: string | null, locale: DocLocale, timeZone?: string): string {
  if (!iso) return STRINGS[locale].none;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormatter(locale, false, timeZone).format(date);
}

/** A weight in kilograms with the language's decimal separator: "1,25 kg". */
export function formatWeight(grams: number, locale: DocLocale): string {
  return `${new Intl.NumberFormat(INTL_TAG[locale], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(grams / 1000)} kg`;
}

/** The order reference printed in QR codes and read back by scanners: "AT1043" (parcel codes extend it: "AT1043-1"). */
export function orderReference(orderNumber: number): string {
  return `AT${orderNumber}`;
}

/** "1/3": a page (or a parcel) of a total. */
export function ofTotal(n: number, total: number): string {
  return `${n}/${total}`;
}
