import { AppError } from '../../../shared';
import { CarrierError } from '../../ports/carrier.port';

/**
 * A carrier's failure as the answer to a person's command (cancel, close-out, branches): the
 * carrier's sentence kept, with a code that says whether trying again can help — a carrier down,
 * busy or refusing our credentials is UNAVAILABLE (with Retry-After when it gave one); a refused
 * request is VALIDATION_FAILED; an unknown shipment NOT_FOUND. Anything else is rethrown as it is.
 */
export function carrierFailure(e: unknown): unknown {
  if (!(e instanceof CarrierError)) return e;
  if (e.kind === 'not_found') return new AppError('NOT_FOUND', e.message);
  if (e.kind === 'invalid') return new AppError('VALIDATION_FAILED', e.message);
  return new AppError(
    'UNAVAILABLE',
    e.kind === 'auth' ? `${e.message} (under Carriers)` : e.message,
    undefined,
    e.retryAfterMs !== undefined ? Math.ceil(e.retryAfterMs / 1000) : undefined,
  );
}
