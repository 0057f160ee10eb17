import type { StoreApi, UseBoundStore } from 'zustand';
import { EngineError, type DeskClient } from '../../api/desk-client';
import { engineErrorText } from '../../i18n/engine-errors';
import { forbiddenMessage } from '../../i18n/forbidden';
import type { Locale } from '../../i18n/i18n';
import { selectRole, type SessionState } from './session.store';

/**
 * Connects the session to every call the desk makes:
 * - UNAUTHORIZED (the session expired or was ended): back to the sign-in screen, saying so — the
 *   stores keep what they hold, so the desk resumes where it was after signing in again. A wrong
 *   current password when changing it is that dialog's to say, not the end of the session.
 * - FORBIDDEN: explained in the user's language from the endpoint and its roles ("Your role
 *   (Planner) may not override sourcing — ask a supervisor."), wherever the error is shown.
 * - The engine not answering, UNAVAILABLE, RATE_LIMITED, INTERNAL: said in the user's language
 *   (i18n/engine-errors.ts) instead of the engine's English.
 */
export function explainFailures(
  client: Pick<DeskClient, 'onCallFailed'>,
  store: UseBoundStore<StoreApi<SessionState>>,
  locale: () => Locale,
): () => void {
  return client.onCallFailed((endpoint, error) => {
    if (error.code === 'UNAUTHORIZED') {
      if (endpoint !== 'session.changePassword') store.getState().unauthorizedAnswered();
      return;
    }
    if (error.code === 'FORBIDDEN') return new EngineError('FORBIDDEN', forbiddenMessage(locale(), selectRole(store.getState()), endpoint));
    const text = engineErrorText(locale(), error);
    if (text) return new EngineError(error.code, text, error.issues, error.retryAfterSeconds);
    return;
  });
}
