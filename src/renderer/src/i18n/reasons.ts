import { isNestedReason, parseReason, REASON_CODES, splitReasons, type ReasonCode } from '../../../shared';
import { translate, type Locale } from './i18n';

/** Which reasons a place shows: a sourcing reason in the unroutable queue, an import row's in its report… */
export type ReasonFamily = ReasonCode extends `${infer F}.${string}` ? F : never;

/**
 * An engine reason in the desk's language. The engine writes each reason as an English sentence of
 * the shared catalogue (src/shared/reasons.ts); here it is read back into its code and parameters
 * and said in `locale`, nested reasons in turn. A sentence the catalogue does not know (a newer
 * engine, a person's own words) is shown as written, and a "; "-separated list item by item.
 * `families` limits what is recognised to the reasons that can appear where it is shown, so a
 * planner's note that happens to read "channel" is not taken for a geocoding source.
 */
export function describeReason(locale: Locale, text: string, families?: readonly ReasonFamily[]): string {
  const r = parseReason(text);
  if (r && shownHere(r.code, families)) return sayRef(locale, r.code, r.params, families);
  const items = splitReasons(text);
  if (items && items.length > 1) return items.map((item) => describeReason(locale, item, families)).join('; ');
  const parts = text.split('; ');
  return parts.length > 1 ? parts.map((p) => describeReason(locale, p, families)).join('; ') : text;
}

/**
 * A reason the engine sent as codes too (`reasonCodes` beside `reason`): the codes said in `locale`;
 * the sentence read as {@link describeReason} does when there are none, or one is newer than this desk.
 */
export function describeReasonCodes(
  locale: Locale,
  codes: readonly { code: string; params: Record<string, string> }[] | null | undefined,
  text: string,
  families?: readonly ReasonFamily[],
): string {
  if (!codes?.length || !codes.every((c) => isReasonCode(c.code) && shownHere(c.code, families)))
    return describeReason(locale, text, families);
  return codes.map((c) => sayRef(locale, c.code as ReasonCode, c.params, families)).join('; ');
}

const isReasonCode = (code: string): code is ReasonCode => (REASON_CODES as readonly string[]).includes(code);
const shownHere = (code: string, families?: readonly ReasonFamily[]) => !families || families.some((f) => code.startsWith(`${f}.`));

function sayRef(locale: Locale, code: ReasonCode, params: Record<string, string>, families?: readonly ReasonFamily[]): string {
  const said = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, isNestedReason(code, k) ? describeReason(locale, v, families) : v]),
  );
  return translate(locale, `reason.${code}`, said);
}
