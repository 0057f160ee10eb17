import { rolesFor, ROLES, type Endpoint, type Role } from '../../../shared';
import { translate, translateOr, type Locale } from './i18n';

/** Whom to send someone to, most likely first: the desk's own roles before configuration and machines. */
const ASK_ORDER: readonly Role[] = ['supervisor', 'planner', 'associate', 'admin'];

const isRole = (r: string | undefined): r is Role => !!r && (ROLES as readonly string[]).includes(r);

/** The name of a role in the desk's language ("Planner", "Planificador"); an unknown role shows as sent. */
export function roleName(locale: Locale, role: string): string {
  return translateOr(locale, `role.${role}`, role);
}

/** What an endpoint does, in words (lower case, to read inside a sentence); an unknown one shows as its name. */
export function actionName(locale: Locale, action: string): string {
  return translateOr(locale, `action.${action}`, action);
}

/**
 * A FORBIDDEN answer explained in the user's language, from the endpoint and the roles the
 * contract gives it: "Your role (Planner) may not override sourcing — ask a supervisor." The engine's
 * own message says only that the role is not allowed; this says what to do about it.
 */
export function forbiddenMessage(locale: Locale, role: string | undefined, endpoint: Endpoint): string {
  const allowed = rolesFor(endpoint);
  const who = ASK_ORDER.find((r) => r !== role && allowed.includes(r));
  const params = { role: isRole(role) ? roleName(locale, role) : (role ?? '—'), action: actionName(locale, endpoint) };
  if (!who) return translate(locale, 'forbidden.nobody', params);
  return translate(locale, 'forbidden.ask', { ...params, who: translate(locale, `forbidden.who.${who}`) });
}
