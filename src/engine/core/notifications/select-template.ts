import { localeFallbacks, type NotificationEvent } from '../../../shared';
import { DEFAULT_TEMPLATES } from './default-templates';
import { formatLocaleFor, languageOf } from './locale-format';
import type { NotificationTemplate } from './notification-template';

/**
 * Choosing the template for an event and a customer's locale, among a merchant's own templates
 * (overrides) and Atalaya's defaults.
 *
 * The order: the customer's language first, then English (along `localeFallbacks`); within one
 * language, the merchant's templates before the defaults, each from the most specific locale. So
 * an es-AR customer gets the merchant's es-AR, else the merchant's es, else the default es-AR,
 * else the default es, and only then English (the merchant's, then the default). The language is
 * what the customer needs; the merchant's wording is what the merchant asked for: a merchant who
 * wrote a neutral-Spanish template means it for every Spanish reader, and a merchant who wrote
 * only English does not want Argentines to read English when a Spanish default exists.
 *
 * The fallback is per template, not per field: the template found first is used whole (subject,
 * e-mail, text, SMS, WhatsApp). Mixing a merchant's subject with a default body would mix two
 * voices, and a WhatsApp mapping belongs to its own approved template. A merchant's template is
 * therefore complete (`validateTemplate` requires every part): the desk's editor starts a new one
 * as a copy of the template in effect, so editing one part keeps the rest.
 */

export type TemplateSource = 'merchant' | 'default';

export interface SelectedTemplate {
  template: NotificationTemplate;
  source: TemplateSource;
  /** The locale to format dates and amounts in for this customer (see `formatLocaleFor`). */
  formatLocale: string;
}

export interface TemplateCatalogue {
  /** The merchant's own templates (any events and locales). */
  overrides?: readonly NotificationTemplate[];
  /** Atalaya's templates; {@link DEFAULT_TEMPLATES} unless a test says otherwise. */
  defaults?: readonly NotificationTemplate[];
}

/** No template in any locale of the chain: the catalogue lacks English for the event. */
export class NoTemplateError extends Error {
  constructor(
    readonly event: NotificationEvent,
    readonly locales: readonly string[],
  ) {
    super(`No template for "${event}" in ${locales.join(', ')}`);
    this.name = 'NoTemplateError';
  }
}

/** The locales to try, grouped by language in order: es-AR → [[es-AR, es], [en]]. */
function languageGroups(locale: string): string[][] {
  const groups: string[][] = [];
  for (const l of localeFallbacks(locale)) {
    const last = groups[groups.length - 1];
    if (last && languageOf(last[0]!) === languageOf(l)) last.push(l);
    else groups.push([l]);
  }
  return groups;
}

/** Every place to look, in order: which source, which locale. */
export function templateSearchOrder(locale: string): Array<{ source: TemplateSource; locale: string }> {
  return languageGroups(locale).flatMap((group) => [
    ...group.map((l) => ({ source: 'merchant' as const, locale: l })),
    ...group.map((l) => ({ source: 'default' as const, locale: l })),
  ]);
}

const sameLocale = (a: string, b: string) => a.replace('_', '-').toLowerCase() === b.replace('_', '-').toLowerCase();

/**
 * The template to send for `event` to a customer whose locale is `customerLocale` (or the
 * merchant's, when the customer's is unknown). Throws {@link NoTemplateError} only when the
 * catalogue has no English template for the event, which the defaults always have.
 */
export function selectTemplate(event: NotificationEvent, customerLocale: string, catalogue: TemplateCatalogue = {}): SelectedTemplate {
  const lists: Record<TemplateSource, readonly NotificationTemplate[]> = {
    merchant: catalogue.overrides ?? [],
    default: catalogue.defaults ?? DEFAULT_TEMPLATES,
  };
  const order = templateSearchOrder(customerLocale);
  for (const { source, locale } of order) {
    const template = lists[source].find((t) => t.event === event && sameLocale(t.locale, locale));
    if (template) return { template, source, formatLocale: formatLocaleFor(customerLocale, template.locale) };
  }
  throw new NoTemplateError(event, [...new Set(order.map((o) => o.locale))]);
}
