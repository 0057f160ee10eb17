import Mustache from 'mustache';
import { NOTIFICATION_EVENT_FIELDS, type NotificationViewField } from '../../../shared';
import { type NotificationTemplate, templateLabel } from './notification-template';
import type { RenderView } from './notification-view';
import { missingFields } from './template-tags';

/**
 * Rendering a chosen template for one customer, escaped as each channel needs: HTML-escaped in
 * the e-mail's HTML (a customer named `<script>` stays text); verbatim in the subject, the
 * plain-text part and the SMS, which no one reads as HTML (escaping them would send "&amp;" to a
 * phone); WhatsApp parameters cleaned of what the Cloud API refuses.
 */

/** A template that needs a field the view lacks: names both, so the log says what to fix. */
export class TemplateRenderError extends Error {
  constructor(
    readonly template: string,
    readonly part: string,
    readonly fields: readonly string[],
  ) {
    super(`Template ${template}, ${part}: no value for ${fields.map((f) => `{{${f}}}`).join(', ')}`);
    this.name = 'TemplateRenderError';
  }
}

/** What a provider's e-mail needs (see `EmailMessage` in the notifier port). */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The `template` of a WhatsApp Cloud API message (the notifier port's `WhatsAppMessage.template`). */
export interface RenderedWhatsApp {
  name: string;
  language: string;
  components: Array<
    | { type: 'body'; parameters: Array<{ type: 'text'; text: string }> }
    | { type: 'button'; sub_type: 'url'; index: string; parameters: Array<{ type: 'text'; text: string }> }
  >;
}

const VERBATIM = { escape: (value: unknown) => String(value) };

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '/': '&#x2F;',
  '`': '&#x60;',
  '=': '&#x3D;',
};
/**
 * Mustache's own HTML escaping, held here rather than taken from the global `Mustache.escape`
 * that any other code could reassign. Safe in text and in quoted attributes (href="{{url}}").
 */
const HTML = { escape: (value: unknown) => String(value).replace(/[&<>"'`=/]/g, (c) => HTML_ENTITIES[c]!) };

function render(template: NotificationTemplate, part: string, source: string, view: RenderView, html = false): string {
  const missing = missingFields(source, view);
  if (missing.length) throw new TemplateRenderError(templateLabel(template), part, missing);
  return Mustache.render(source, view, {}, html ? HTML : VERBATIM);
}

/** Blank lines left by empty sections come to one; spaces at line ends go. */
const tidyText = (text: string) =>
  text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** A header is one line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The e-mail: subject and text from the template, the HTML from its MJML compiled once by the
 * MJML compiler (`compiledHtml`, mustache tags intact) and rendered here with HTML escaping.
 * Throws a {@link TemplateRenderError} when a part would show a field the view lacks.
 */
export function renderEmail(template: NotificationTemplate, compiledHtml: string, view: RenderView): RenderedEmail {
  return {
    subject: oneLine(render(template, 'email.subject', template.email.subject, view)),
    html: render(template, 'email.mjml', compiledHtml, view, true),
    text: tidyText(render(template, 'email.text', template.email.text, view)),
  };
}

/** The SMS text, verbatim. Throws a {@link TemplateRenderError} for a missing field. */
export function renderSms(template: NotificationTemplate, view: RenderView): string {
  return tidyText(render(template, 'sms', template.sms, view));
}

/**
 * One WhatsApp parameter as the Cloud API takes it: no newlines or tabs (error 132018 refuses
 * them) and no run of more than four spaces, each made one space; never empty (the API refuses
 * an empty parameter), "-" instead.
 */
export function sanitiseWhatsAppParam(value: string | undefined): string {
  const text = (value ?? '')
    .replace(/[\r\n\t\v\f\u2028\u2029]+/g, ' ')
    .replace(/ {5,}/g, ' ')
    .trim();
  return text === '' ? '-' : text;
}

/**
 * The WhatsApp template message: the approved template's name and language, and the mapped view
 * fields as its parameters. A field the event requires and the view lacks is a
 * {@link TemplateRenderError}; an optional one the view lacks is sent as "-", since an approved
 * template has a fixed number of parameters. A URL button's field is always required: a link
 * ending in "-" leads nowhere.
 */
export function renderWhatsApp(template: NotificationTemplate, view: RenderView): RenderedWhatsApp {
  const { whatsapp } = template;
  const required = new Set<NotificationViewField>(NOTIFICATION_EVENT_FIELDS[template.event].required);
  const lacking = whatsapp.body.filter((f) => required.has(f) && !view[f]);
  const button = whatsapp.button;
  if (button && !view[button.field]) lacking.push(button.field);
  if (lacking.length) throw new TemplateRenderError(templateLabel(template), 'whatsapp', lacking);

  const components: RenderedWhatsApp['components'] = [];
  if (whatsapp.body.length) {
    components.push({ type: 'body', parameters: whatsapp.body.map((f) => ({ type: 'text', text: sanitiseWhatsAppParam(view[f]) })) });
  }
  if (button) {
    components.push({
      type: 'button',
      sub_type: 'url',
      index: String(button.index ?? 0),
      parameters: [{ type: 'text', text: sanitiseWhatsAppParam(view[button.field]) }],
    });
  }
  return { name: whatsapp.name, language: whatsapp.language, components };
}
