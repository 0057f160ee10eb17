import {
  NOTIFICATION_EVENT_FIELDS,
  NOTIFICATION_EVENTS,
  NOTIFICATION_VIEW_FIELDS,
  type NotificationEvent,
  type NotificationViewField,
} from '../../../shared';
import { editDistance } from './edit-distance';
import type { NotificationTemplate } from './notification-template';
import { listTags, TemplateSyntaxError, type TemplateTag } from './template-tags';

/**
 * Checking a template a person edited (the desk's template editor) before it is saved, so a
 * mistake is shown to the person who made it and not found by a customer. Each problem names the
 * part, the tag and the line. The MJML's own structure is checked by the MJML compiler adapter
 * (`checkMjml`), which needs the mjml package; this covers the mustache and the WhatsApp mapping.
 */

export type TemplatePart =
  | 'event'
  | 'locale'
  | 'email.subject'
  | 'email.mjml'
  | 'email.text'
  | 'sms'
  | 'whatsapp.name'
  | 'whatsapp.language'
  | 'whatsapp.body'
  | 'whatsapp.button'
  | 'whatsapp.text';

export interface TemplateProblem {
  part: TemplatePart;
  message: string;
  /** The tag or field at fault, when there is one. */
  tag?: string;
  /** 1-based line in the part, when known. */
  line?: number;
}

const KNOWN = new Set<string>(NOTIFICATION_VIEW_FIELDS);

/** A field and its per-locale rendering stand or fall together, so a section on either guards both. */
const PAIRS: Partial<Record<NotificationViewField, NotificationViewField>> = {
  promisedDate: 'promisedDateText',
  promisedDateText: 'promisedDate',
  pickupDeadline: 'pickupDeadlineText',
  pickupDeadlineText: 'pickupDeadline',
  refundAmount: 'refundAmountText',
  refundAmountText: 'refundAmount',
  returnPickupDate: 'returnPickupDateText',
  returnPickupDateText: 'returnPickupDate',
};

function suggestion(name: string): string {
  let best: string | null = null;
  let bestDistance = 3;
  for (const field of NOTIFICATION_VIEW_FIELDS) {
    const d = editDistance(name.toLowerCase(), field.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [field, d];
  }
  return best ? ` (did you mean {{${best}}}?)` : '';
}

/** Problems with a field a template names: unknown, or not given for this event. */
function fieldProblem(event: NotificationEvent, name: string): string | null {
  if (!KNOWN.has(name)) return `{{${name}}} is not a notification field${suggestion(name)}`;
  const fields = NOTIFICATION_EVENT_FIELDS[event];
  const field = name as NotificationViewField;
  if (!fields.required.includes(field) && !fields.optional.includes(field)) return `{{${name}}} is not given in "${event}" messages`;
  return null;
}

function tagProblem(event: NotificationEvent, part: TemplatePart, tag: TemplateTag): string | null {
  switch (tag.kind) {
    case 'comment':
      return null;
    case 'partial':
      return `partials ({{> ${tag.name}}}) are not supported: write the text in the template`;
    case 'delimiters':
      return 'changing the tag delimiters ({{=…=}}) is not supported';
    default:
  }
  const unknown = fieldProblem(event, tag.name);
  if (unknown) return unknown;
  if (tag.kind === 'unescaped' && part === 'email.mjml') {
    return `{{{${tag.name}}}} would put the value into the HTML unescaped: write {{${tag.name}}}`;
  }
  const field = tag.name as NotificationViewField;
  const optional = NOTIFICATION_EVENT_FIELDS[event].optional.includes(field);
  const guarded = tag.within.includes(field) || (PAIRS[field] !== undefined && tag.within.includes(PAIRS[field]!));
  if ((tag.kind === 'variable' || tag.kind === 'unescaped') && optional && !guarded) {
    return `{{${field}}} is not known for every "${event}" message: put it inside {{#${field}}}…{{/${field}}}`;
  }
  return null;
}

function checkMustache(event: NotificationEvent, part: TemplatePart, source: string): TemplateProblem[] {
  if (!source.trim()) return [{ part, message: 'is empty' }];
  let tags: TemplateTag[];
  try {
    tags = listTags(source);
  } catch (e) {
    if (e instanceof TemplateSyntaxError) return [{ part, message: e.message, ...(e.line ? { line: e.line } : {}) }];
    throw e;
  }
  const problems: TemplateProblem[] = [];
  for (const tag of tags) {
    const message = tagProblem(event, part, tag);
    if (message) problems.push({ part, message, tag: tag.name, line: tag.line });
  }
  return problems;
}

function checkWhatsApp(template: NotificationTemplate): TemplateProblem[] {
  const { event, whatsapp } = template;
  const problems: TemplateProblem[] = [];
  if (!/^[a-z0-9_]{1,512}$/.test(whatsapp.name)) {
    problems.push({
      part: 'whatsapp.name',
      message: `"${whatsapp.name}" is not a WhatsApp template name: lowercase letters, digits and _`,
    });
  }
  if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(whatsapp.language)) {
    problems.push({ part: 'whatsapp.language', message: `"${whatsapp.language}" is not a WhatsApp language code (es_AR, es, en, pt_BR)` });
  }
  for (const field of whatsapp.body) {
    const message = fieldProblem(event, field);
    if (message) problems.push({ part: 'whatsapp.body', message, tag: field });
  }
  if (whatsapp.button) {
    const message = fieldProblem(event, whatsapp.button.field);
    if (message) problems.push({ part: 'whatsapp.button', message, tag: whatsapp.button.field });
    const index = whatsapp.button.index ?? 0;
    if (!Number.isInteger(index) || index < 0 || index > 9) {
      problems.push({ part: 'whatsapp.button', message: `button index ${index} is not a button position (0 to 9)` });
    }
  }
  if (whatsapp.text !== undefined) problems.push(...checkWhatsAppText(whatsapp.text, whatsapp.body.length));
  return problems;
}

/** The approved text must use {{1}} … {{n}} for the n mapped fields, and (Meta's rule) neither start nor end with one. */
function checkWhatsAppText(text: string, params: number): TemplateProblem[] {
  const part = 'whatsapp.text';
  const problems: TemplateProblem[] = [];
  const used = new Set([...text.matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => Number(m[1])));
  for (let n = 1; n <= params; n++) {
    if (!used.has(n)) problems.push({ part, message: `{{${n}}} is mapped to a field but not in the text` });
  }
  for (const n of used) {
    if (n < 1 || n > params) problems.push({ part, message: `{{${n}}} is in the text but no field fills it (${params} mapped)` });
  }
  const trimmed = text.trim();
  if (/^\{\{\s*\d+\s*\}\}/.test(trimmed) || /\{\{\s*\d+\s*\}\}$/.test(trimmed)) {
    problems.push({ part, message: 'WhatsApp refuses a template that starts or ends with a parameter' });
  }
  return problems;
}

/**
 * Every problem with a template, or none. Each text part must be non-empty and parse; every tag
 * must be a field of the view given for the template's event (`NOTIFICATION_EVENT_FIELDS`); an
 * optional field must sit inside a section on itself; the e-mail's HTML may not use unescaped
 * tags; partials and delimiter changes are refused; the WhatsApp mapping must name known fields
 * and agree with its approved text.
 */
export function validateTemplate(template: NotificationTemplate): TemplateProblem[] {
  const { event } = template;
  if (!(NOTIFICATION_EVENTS as readonly string[]).includes(event)) {
    return [{ part: 'event', message: `"${event}" is not a notification event` }];
  }
  const problems: TemplateProblem[] = [];
  try {
    if (!template.locale.trim()) throw new RangeError('empty');
    Intl.getCanonicalLocales(template.locale);
  } catch {
    problems.push({ part: 'locale', message: `"${template.locale}" is not a language tag (es-AR, es, en, pt-BR)` });
  }
  problems.push(
    ...checkMustache(event, 'email.subject', template.email.subject),
    ...checkMustache(event, 'email.mjml', template.email.mjml),
    ...checkMustache(event, 'email.text', template.email.text),
    ...checkMustache(event, 'sms', template.sms),
    ...checkWhatsApp(template),
  );
  return problems;
}
