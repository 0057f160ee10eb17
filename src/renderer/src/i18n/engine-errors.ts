import { ENGINE_UNREACHABLE } from '../api/engine-error';
import { translate, type Locale } from './i18n';

/**
 * What to tell a person about a failure whose code says it all — the engine not answering, the
 * database or the queue down, too many requests, an internal error — in their language; null when
 * the engine's own message is the better one (a validation problem names the field, a conflict says
 * with what). The engine's messages stay English for the API and its log.
 */
export function engineErrorText(locale: Locale, e: { code: string; message: string; retryAfterSeconds?: number }): string | null {
  switch (e.code) {
    case 'UNAVAILABLE':
      if (e.message.startsWith(ENGINE_UNREACHABLE)) return translate(locale, 'error.network');
      if (/^The database cannot be reached/.test(e.message)) return translate(locale, 'error.unavailable.database');
      if (/^The (job )?queue cannot be reached/.test(e.message)) return translate(locale, 'error.unavailable.queue');
      return translate(locale, 'error.unavailable.other');
    case 'RATE_LIMITED':
      return e.retryAfterSeconds !== undefined ? translate(locale, 'error.rateLimited', { n: e.retryAfterSeconds }) : null;
    case 'INTERNAL':
      return translate(locale, 'error.internal');
    default:
      return null;
  }
}
