import type { DocLocale, DocType, PrintRef } from '../../../shared';
import type { PrintRequest } from '../../core/documents/document-models';
import type { Tx } from '../../db/data-source';
import { buildFloorDocument } from '../picking/floor-documents';
import { buildPickupDocument } from '../pickup/pickup-documents';
import { buildReturnDocument } from '../returns/return-documents';

/**
 * A document built from what it is about, by the module that owns that work: the floor (picking)
 * its pick lists, packing slips and shipping labels; store pickup its bag labels; returns their
 * return labels.
 */
export async function buildDocument(m: Tx, docType: DocType, ref: PrintRef, locale: DocLocale): Promise<PrintRequest> {
  switch (docType) {
    case 'pick_list':
    case 'packing_slip':
    case 'shipping_label':
      return buildFloorDocument(m, docType, ref, locale);
    case 'pickup_label':
      return buildPickupDocument(m, ref, locale);
    case 'return_label':
      return buildReturnDocument(m, ref, locale);
  }
}
