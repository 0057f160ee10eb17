import { AppError, type Actor, type DocLocale, type PrintJob } from '../../../shared';
import type { PrintRequest, ReturnLabelModel } from '../../core/documents/document-models';
import type { Tx } from '../../db/data-source';
import { enqueuePrint } from '../printing/print-jobs.store';

const TITLE: Record<DocLocale, (n: number) => string> = {
  es: (n) => `Etiqueta de devolución R-${n}`,
  pt: (n) => `Etiqueta de devolução R-${n}`,
  en: (n) => `Return label R-${n}`,
};

/** What the barcode on a return's label carries, and what a counter scans to find it. */
export const returnCode = (number: number): string => `R-${number}`;

/**
 * A return's label as a print request (published: the returns workflows print it when a return is
 * approved, the printing module for a print or preview from the desk): from the customer, to the
 * location receiving it (the order's location when none was chosen), its code as a barcode, and
 * until when it is valid. NOT_FOUND when there is no such return.
 */
export async function buildReturnDocument(m: Tx, ref: { returnId?: string }, locale: DocLocale): Promise<PrintRequest> {
  const rows: {
    number: string;
    order_number: string;
    customer: { name: string; phone?: string };
    ship_to: { line1: string; city: string; region?: string; postalCode?: string; country?: string };
    location_name: string | null;
    location_city: string | null;
    label_expires_at: Date | null;
  }[] = ref.returnId
    ? await m.query(
        `SELECT r.number, o.number AS order_number, o.customer, o.ship_to, l.name AS location_name, l.city AS location_city, r.label_expires_at
         FROM returns r JOIN orders o ON o.id = r.order_id LEFT JOIN locations l ON l.id = coalesce(r.location_id, o.location_id)
         WHERE r.id = $1`,
        [ref.returnId],
      )
    : [];
  if (!ref.returnId)
    throw new AppError('VALIDATION_FAILED', 'a return label prints for a return: give its id', [
      { path: 'ref.returnId', message: 'the return whose label to print (returns.get answers it)' },
    ]);
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND', `No return ${ref.returnId}: request the return first`);
  const number = Number(r.number);
  const model: ReturnLabelModel = {
    kind: 'return_label',
    returnCode: returnCode(number),
    orderNumber: Number(r.order_number),
    from: {
      name: r.customer.name,
      line1: r.ship_to.line1,
      city: r.ship_to.city,
      region: r.ship_to.region ?? null,
      postalCode: r.ship_to.postalCode ?? null,
      country: r.ship_to.country ?? null,
      phone: r.customer.phone ?? null,
    },
    to: { name: r.location_name ?? 'Devoluciones', line1: '', city: r.location_city ?? '' },
    carrier: null,
    trackingNumber: null,
    expiresAt: r.label_expires_at?.toISOString() ?? null,
  };
  return {
    docType: 'return_label',
    docKey: `return_label:${ref.returnId}`,
    title: TITLE[locale](number),
    ref: { returnId: ref.returnId },
    model,
    locale,
  };
}

/** Prints an approved return's label at a station (in the caller's transaction: it prints once the approval commits). */
export async function printReturnLabel(m: Tx, returnId: string, stationId: string, actor: Actor): Promise<PrintJob> {
  return enqueuePrint(m, { ...(await buildReturnDocument(m, { returnId }, 'es')), stationId }, actor);
}
