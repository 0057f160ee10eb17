import type { NotificationEvent, NotificationViewField, TemplateLocale } from '../../../shared';

/**
 * The template model: what one event says to a customer in one language, over every channel. A
 * template is the unit that is chosen, overridden and validated: the subject, the e-mail, its
 * plain-text part, the SMS and the WhatsApp mapping of one template say the same thing in the same
 * voice, so they are never mixed from two templates (see `select-template.ts`).
 */

/**
 * How a WhatsApp template message is filled. WhatsApp sends only templates a person had Meta
 * approve beforehand, so Atalaya does not render WhatsApp text: it names the approved template
 * and passes view fields as its numbered parameters, in order.
 */
export interface WhatsAppMapping {
  /** The approved template's name ("shipment_shipped"). */
  name: string;
  /** Meta's language code of the approved translation ("es_AR", "es", "en", "pt_BR"). */
  language: string;
  /** The view fields that fill the body's {{1}}, {{2}} … in that order. */
  body: readonly NotificationViewField[];
  /**
   * A URL button whose approved link ends in `{{1}}`: the field that fills it (the part of the
   * link after the approved base, e.g. `orderUrlSuffix`), and the button's position (0 if absent).
   */
  button?: { field: NotificationViewField; index?: number };
  /**
   * The body text as submitted to Meta, with {{1}} … placeholders: what a merchant pastes into
   * the WhatsApp Manager for approval, and what the desk shows as a preview. Optional for a
   * merchant's own templates, approved elsewhere.
   */
  text?: string;
}

export interface EmailTemplate {
  /** Plain text with mustache tags (a header: never HTML). */
  subject: string;
  /** MJML source with mustache tags, compiled once to HTML by the MJML compiler adapter. */
  mjml: string;
  /** The plain-text part, mustache tags, not escaped. */
  text: string;
}

export interface NotificationTemplate {
  event: NotificationEvent;
  /** A BCP 47 tag: one of {@link TemplateLocale} for the defaults, any (es-MX, pt) for a merchant's own. */
  locale: TemplateLocale | (string & {});
  email: EmailTemplate;
  /** The SMS text, mustache tags, not escaped. */
  sms: string;
  whatsapp: WhatsAppMapping;
}

/** Meta's language code for each template locale (Meta writes the region with an underscore, or leaves it out). */
export const WHATSAPP_LANGUAGES: Record<TemplateLocale, string> = {
  'es-AR': 'es_AR',
  es: 'es',
  en: 'en',
  'pt-BR': 'pt_BR',
};

/** How errors name a template: `"shipment.shipped" (es-AR)`. */
export function templateLabel(t: Pick<NotificationTemplate, 'event' | 'locale'>): string {
  return `"${t.event}" (${t.locale})`;
}
