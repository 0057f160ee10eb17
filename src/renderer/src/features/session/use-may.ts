import { mayCall, type Endpoint } from '../../../../shared';
import { forbiddenMessage } from '../../i18n/forbidden';
import { useT } from '../../i18n/locale.store';
import { selectRole, useSessionStore } from './session.store';

/**
 * Whether the signed-in user may call `endpoint`, and if not, why in their language — for a button
 * that stays in view but disabled, with the reason as its tooltip.
 */
export function useMay(endpoint: Endpoint): { ok: boolean; why: string | undefined } {
  const { locale } = useT();
  const role = useSessionStore(selectRole);
  const ok = mayCall(role, endpoint);
  return { ok, why: ok ? undefined : forbiddenMessage(locale, role, endpoint) };
}
