import type { BulkAction, BulkResult, Endpoint } from '../../../../shared';
import { BULK_ACTION_ENDPOINTS } from '../../../../shared';
import { engineErrorText } from '../../i18n/engine-errors';
import { forbiddenMessage } from '../../i18n/forbidden';
import { translate, type Locale } from '../../i18n/i18n';

/**
 * Why one order of a bulk action was not done, in the desk's language: from the engine's error code
 * (and, where one code covers several cases, the sentence the engine wrote), with the order's status
 * as the bulk answer gives it. An unexpected failure keeps the engine's own words.
 */
export function bulkFailureText(locale: Locale, action: BulkAction, r: BulkResult, role?: string): string {
  const status = r.status ? translate(locale, `status.${r.status}`) : '—';
  const message = r.message ?? '';
  const code = r.code ?? 'INTERNAL';
  const generic = engineErrorText(locale, { code, message });
  if (generic) return generic;
  switch (code) {
    case 'NOT_FOUND':
      return r.number !== null && action.kind === 'print'
        ? translate(locale, 'bulk.fail.print.NOT_FOUND')
        : translate(locale, 'bulk.fail.NOT_FOUND');
    case 'FORBIDDEN':
      // The role is checked for the whole call; an order refused on its own is at another location.
      return /^Role "/.test(message)
        ? forbiddenMessage(locale, role, BULK_ACTION_ENDPOINTS[action.kind] as Endpoint)
        : translate(locale, 'bulk.fail.FORBIDDEN');
    case 'ALREADY_PRINTED':
      return translate(locale, 'bulk.fail.ALREADY_PRINTED');
    case 'ILLEGAL_TRANSITION':
      if (action.kind === 'advance')
        return translate(locale, 'bulk.fail.advance.ILLEGAL_TRANSITION', { status, to: translate(locale, `status.${action.to}`) });
      if (action.kind === 'cancel') return translate(locale, 'bulk.fail.cancel.ILLEGAL_TRANSITION', { status });
      if (action.kind === 'move') return translate(locale, 'bulk.fail.move.ILLEGAL_TRANSITION', { status });
      break;
    case 'VALIDATION_FAILED':
      if (action.kind === 'move' && / is already at /.test(message)) return translate(locale, 'bulk.fail.move.already');
      if (action.kind === 'move' && /(no longer has every line|does not have .* available now)/.test(message))
        return translate(locale, 'bulk.fail.move.no_stock');
      if (action.kind === 'move' && / is paused$/.test(message)) return translate(locale, 'bulk.fail.move.paused');
      if (action.kind === 'print' && /is not at any location yet/.test(message)) return translate(locale, 'bulk.fail.print.not_located');
      break;
  }
  return translate(locale, 'bulk.fail.other', { message });
}
