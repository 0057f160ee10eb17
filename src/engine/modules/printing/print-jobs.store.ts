import { AppError, type PrintJob } from '../../../shared';
import type { PrintRequest } from '../../core/documents/document-models';
import type { Tx } from '../../db/data-source';
import type { Actor } from '../../../shared';

/**
 * What other modules call to print (published at the module's root): queues a document in the
 * caller's transaction — routed to the station's printer for its type (or the fallback), written
 * with a `print.changed` outbox event so the station's sender prints it once the work commits.
 * A document already printed (same docKey) is refused with ALREADY_PRINTED: reprint it with a reason.
 */
export async function enqueuePrint(m: Tx, request: PrintRequest & { stationId: string }, actor: Actor): Promise<PrintJob> {
  void m;
  void request;
  void actor;
  throw new AppError('INTERNAL', 'not built yet');
}
