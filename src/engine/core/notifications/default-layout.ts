import {
  NOTIFICATION_EVENT_FIELDS,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  type NotificationViewField,
  type TemplateLocale,
} from '../../../shared';
import { type NotificationTemplate, WHATSAPP_LANGUAGES } from './notification-template';

/**
 * Atalaya's default templates are data: each locale's words (`default-copy-*.ts`), poured into
 * one layout here, the same for every event and language, so a change of look is one edit and a
 * translation is one file. The result is ordinary {@link NotificationTemplate}s, exactly what a
 * merchant's own template is (the desk's editor starts from them).
 *
 * An optional field (see `NOTIFICATION_EVENT_FIELDS`) is only ever shown inside a section on it,
 * so a default never fails for a fact an order may lack; the WhatsApp mappings name only
 * required fields, so a default WhatsApp message never shows the "-" of an absent one.
 */

/** A labelled fact under the message ("Número de seguimiento: 3600…"). */
export interface CopyDetail {
  label: string;
  field: NotificationViewField;
}

/** One event's words in one language. All text is mustache over the view, no HTML. */
export interface EventCopy {
  subject: string;
  /** The preview line mail clients show after the subject. */
  preview: string;
  heading: string;
  paragraphs: readonly string[];
  details?: readonly CopyDetail[];
  /** Show the pickup QR image (`qrUrl`), with this alternative text. */
  qr?: { alt: string };
  /** The call to action: a link to the field's URL. */
  button?: { label: string; field: NotificationViewField };
  sms: string;
  /** The approved WhatsApp body's parameters and its text as submitted to Meta. */
  whatsapp: { body: readonly NotificationViewField[]; text: string };
}

/** A language's words for every event, with the greeting and footer all of them share. */
export interface LocaleCopy {
  locale: TemplateLocale;
  /** "¡Hola, {{customerFirstName}}!", with a section for a customer whose name is unknown. */
  greeting: string;
  footer: string;
  events: Record<NotificationEvent, EventCopy>;
}

const TAG = /(\{\{\{?[^}]*\}?\}\})/;
/** XML-escapes the words of a copy, leaving its mustache tags as they are. */
const xml = (text: string) =>
  text
    .split(TAG)
    .map((part, i) => (i % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')))
    .join('');

/** Wraps `body` in a section on `field` unless the event always has it. */
function whenPresent(event: NotificationEvent, field: NotificationViewField, body: string, open = '', close = ''): string {
  if (NOTIFICATION_EVENT_FIELDS[event].required.includes(field)) return body;
  return `${open}{{#${field}}}${close}${body}${open}{{/${field}}}${close}`;
}

const RAW = ['<mj-raw>', '</mj-raw>'] as const;

function emailMjml(copy: LocaleCopy, event: NotificationEvent): string {
  const c = copy.events[event];
  const rows = (c.details ?? [])
    .map((d) =>
      whenPresent(
        event,
        d.field,
        `<tr><td style="padding:4px 12px 4px 0;color:#6b7280;width:45%;">${xml(d.label)}</td><td style="padding:4px 0;font-weight:bold;">{{${d.field}}}</td></tr>`,
      ),
    )
    .join('\n          ');
  const details = rows ? `\n        <mj-table padding="8px 25px">\n          ${rows}\n        </mj-table>` : '';
  const qr = c.qr
    ? `\n        ${whenPresent(event, 'qrUrl', `<mj-image src="{{qrUrl}}" alt="${xml(c.qr.alt)}" width="200px" padding="16px 25px" />`, ...RAW)}`
    : '';
  const button = c.button
    ? `\n        ${whenPresent(event, c.button.field, `<mj-button href="{{${c.button.field}}}" padding="20px 25px">${xml(c.button.label)}</mj-button>`, ...RAW)}`
    : '';
  const paragraphs = c.paragraphs.map((p) => `\n        <mj-text>${xml(p)}</mj-text>`).join('');
  return `<mjml lang="${copy.locale}">
  <mj-head>
    <mj-title>${xml(c.subject)}</mj-title>
    <mj-preview>${xml(c.preview)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.5" color="#1f2933" />
      <mj-table font-size="15px" line-height="1.5" color="#1f2933" />
      <mj-button background-color="#1f2933" color="#ffffff" font-size="15px" border-radius="6px" inner-padding="12px 24px" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f5f7" width="600px">
    <mj-section padding="24px 0 8px">
      <mj-column>
        <mj-text align="center" font-size="18px" font-weight="bold">{{merchantName}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" border-radius="8px" padding="16px 0">
      <mj-column>
        <mj-text font-size="22px" font-weight="bold" line-height="1.3">${xml(c.heading)}</mj-text>
        <mj-text>${xml(copy.greeting)}</mj-text>${paragraphs}${details}${qr}${button}
      </mj-column>
    </mj-section>
    <mj-section padding="8px 0 24px">
      <mj-column>
        <mj-text align="center" font-size="12px" color="#6b7280">${xml(copy.footer)}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;
}

/** The plain-text part: the same words as the e-mail, links written out. */
function emailText(copy: LocaleCopy, event: NotificationEvent): string {
  const c = copy.events[event];
  const details = (c.details ?? []).map((d) => whenPresent(event, d.field, `${d.label}: {{${d.field}}}\n`)).join('');
  const button = c.button ? whenPresent(event, c.button.field, `${c.button.label}: {{${c.button.field}}}\n`) : '';
  return [copy.greeting, c.heading, ...c.paragraphs, details, button, `--\n${copy.footer}`].filter(Boolean).join('\n\n') + '\n';
}

/** The default template of one event in one language. */
export function defaultTemplate(copy: LocaleCopy, event: NotificationEvent): NotificationTemplate {
  const c = copy.events[event];
  return {
    event,
    locale: copy.locale,
    email: { subject: c.subject, mjml: emailMjml(copy, event), text: emailText(copy, event) },
    sms: c.sms,
    whatsapp: {
      name: event.replace('.', '_'),
      language: WHATSAPP_LANGUAGES[copy.locale],
      body: c.whatsapp.body,
      text: c.whatsapp.text,
    },
  };
}

/** Every event's default template in the copy's language. */
export function defaultTemplatesOf(copy: LocaleCopy): NotificationTemplate[] {
  return NOTIFICATION_EVENTS.map((event) => defaultTemplate(copy, event));
}
