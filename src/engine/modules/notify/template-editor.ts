import {
  AppError,
  NOTIFICATION_EVENT_FIELDS,
  NOTIFICATION_EVENTS,
  TEMPLATE_LOCALES,
  type FieldIssue,
  type NotificationEvent,
  type NotificationTemplateInput,
  type NotificationViewField,
  type TemplatePreview,
  type TemplateSummary,
} from '../../../shared';
import { MjmlTemplateError } from '../../adapters/notify/mjml-compiler';
import { DEFAULT_TEMPLATES } from '../../core/notifications/default-templates';
import { formatLocaleFor } from '../../core/notifications/locale-format';
import type { NotificationTemplate } from '../../core/notifications/notification-template';
import { localiseView, NotificationViewError, type NotificationView } from '../../core/notifications/notification-view';
import { renderEmail, renderSms, renderWhatsApp, TemplateRenderError } from '../../core/notifications/render-notification';
import { sampleView } from '../../core/notifications/sample-view';
import { selectTemplate } from '../../core/notifications/select-template';
import { validateTemplate } from '../../core/notifications/validate-template';
import type { ModuleContext } from '../../kernel/context';
import { readNotificationSettings } from './notify-config.store';
import { viewOf } from './plan-messages';
import { mjmlCompiler } from './provider-runtime';
import { listTemplateOverrides, orderFactsForPreview, orderIdByNumber, type StoredTemplate } from './templates.store';

/**
 * The desk's template editor: which template is in effect for each event and language, checking
 * a merchant's template before it is saved (the mustache and WhatsApp mapping by the core's
 * `validateTemplate`, the MJML by the compiler), and previewing a draft with a real order.
 */

type EditorCtx = Pick<ModuleContext, 'ds' | 'config'>;

/** A template from the desk: its field names are checked by `validateTemplate`, which names a misspelt one. */
export const asTemplate = (t: NotificationTemplateInput): NotificationTemplate => t as unknown as NotificationTemplate;

/** A template as the contract answers it (plain arrays). */
export const templateOut = (t: NotificationTemplate): NotificationTemplateInput => ({
  ...t,
  email: { ...t.email },
  whatsapp: { ...t.whatsapp, body: [...t.whatsapp.body], ...(t.whatsapp.button ? { button: { ...t.whatsapp.button } } : {}) },
});

const canonicalLocale = (locale: string): string => {
  try {
    return Intl.getCanonicalLocales(locale.trim().replace('_', '-'))[0] ?? locale;
  } catch {
    throw new AppError('VALIDATION_FAILED', `"${locale}" is not a language tag: write es-AR, es, en, pt-BR …`, [
      { path: 'locale', message: 'not a language tag' },
    ]);
  }
};

/** The locale a template is kept under (es-ar and es_AR are es-AR). */
export function templateKey(event: NotificationEvent, locale: string): { event: NotificationEvent; locale: string } {
  return { event, locale: canonicalLocale(locale) };
}

/** Refuses a template with problems: each named by part, line and what to do, in the message and as issues. */
function refuse(problems: FieldIssue[]): never {
  const lines = problems.map((p) => `${p.path}: ${p.message}`);
  throw new AppError(
    'VALIDATION_FAILED',
    `The template has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${lines.join('; ')}`,
    problems,
  );
}

/** Every problem with a template (mustache, WhatsApp mapping, then the MJML if its tags are sound); none when it may be saved. */
export async function templateProblems(ctx: EditorCtx, template: NotificationTemplate): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = validateTemplate(template).map((p) => ({
    path: `template.${p.part}`,
    message: `${p.line ? `line ${p.line}: ` : ''}${p.message}`,
  }));
  if (!issues.some((i) => i.path === 'template.email.mjml') && template.email.mjml.trim()) {
    for (const p of await mjmlCompiler(ctx).check(template.email.mjml)) {
      const fix = /dropped|<mj-raw>/.test(p.message)
        ? ''
        : ' (correct the MJML there: see mjml.io/documentation for the elements and their attributes)';
      issues.push({ path: 'template.email.mjml', message: `${p.line ? `line ${p.line}: ` : ''}${p.message}${fix}` });
    }
  }
  return issues;
}

/** Checks a template from the desk and answers it ready to keep (its locale canonical); throws VALIDATION_FAILED otherwise. */
export async function checkedTemplate(ctx: EditorCtx, input: NotificationTemplateInput): Promise<NotificationTemplate> {
  const template = asTemplate(input);
  const problems = await templateProblems(ctx, template);
  if (problems.length) refuse(problems);
  return { ...template, locale: canonicalLocale(template.locale) };
}

const summaryOf = (event: NotificationEvent, locale: string, stored: StoredTemplate | null): TemplateSummary => ({
  event,
  locale,
  source: stored ? 'merchant' : 'default',
  version: stored?.version ?? null,
  updatedAt: stored?.updatedAt.toISOString() ?? null,
  updatedBy: stored?.updatedBy ?? null,
});

/** Every event in every template locale (and every locale the merchant wrote one in), with the template in effect there. */
export function templatesInEffect(overrides: readonly StoredTemplate[]): TemplateSummary[] {
  const out: TemplateSummary[] = [];
  for (const event of NOTIFICATION_EVENTS) {
    const own = overrides.filter((o) => o.template.event === event);
    const locales = [...new Set<string>([...TEMPLATE_LOCALES, ...own.map((o) => o.template.locale)])];
    for (const locale of locales) {
      const stored = own.find((o) => o.template.locale === locale) ?? null;
      if (stored || DEFAULT_TEMPLATES.some((t) => t.event === event && t.locale === locale)) out.push(summaryOf(event, locale, stored));
    }
  }
  return out;
}

/** The template in effect for an event and a customer locale, with where it comes from. */
export async function templateInEffect(
  ctx: EditorCtx,
  event: NotificationEvent,
  locale: string,
): Promise<TemplateSummary & { template: NotificationTemplateInput }> {
  const overrides = await listTemplateOverrides(ctx.ds.manager);
  const { template, source } = selectTemplate(event, locale, { overrides: overrides.map((o) => o.template) });
  const stored = source === 'merchant' ? (overrides.find((o) => o.template === template) ?? null) : null;
  return { ...summaryOf(event, template.locale, stored), template: templateOut(template) };
}

export interface PreviewInput {
  event: NotificationEvent;
  locale: string;
  template?: NotificationTemplateInput | undefined;
  orderId?: string | undefined;
  /** The order by its number, when no id is given. */
  orderNumber?: number | undefined;
  channel: 'email' | 'sms' | 'whatsapp';
}

/** A render that failed on the view or the template: what field, and what to do. */
function previewError(e: unknown): never {
  if (e instanceof NotificationViewError)
    throw new AppError('VALIDATION_FAILED', `Cannot preview: ${e.message}`, [{ path: e.field, message: e.message }]);
  if (e instanceof TemplateRenderError) {
    const message = `${e.part}: no value for ${e.fields.map((f) => `{{${f}}}`).join(', ')}; put it inside {{#${e.fields[0]}}}…{{/${e.fields[0]}}} so a message without it still reads well`;
    throw new AppError('VALIDATION_FAILED', `Cannot preview: ${message}`, [{ path: `template.${e.part}`, message }]);
  }
  if (e instanceof MjmlTemplateError)
    refuse(e.problems.map((p) => ({ path: 'template.email.mjml', message: `${p.line ? `line ${p.line}: ` : ''}${p.message}` })));
  throw e;
}

/**
 * The template (a draft, else the one in effect) rendered for one channel with the view of a real
 * order (as the sender would build it) or of the sample order. Fields the event needs that the
 * order lacks (a refund amount on an order never refunded) are shown with sample values and listed.
 */
export async function previewTemplate(ctx: EditorCtx, input: PreviewInput): Promise<TemplatePreview> {
  const { event, channel } = input;
  const settings = await readNotificationSettings(ctx.ds.manager);
  let template: NotificationTemplate;
  if (input.template) {
    if (input.template.event !== event)
      throw new AppError('VALIDATION_FAILED', `The draft is a "${input.template.event}" template, not "${event}"`);
    template = asTemplate(input.template);
    const problems = validateTemplate(template);
    if (problems.length)
      refuse(problems.map((p) => ({ path: `template.${p.part}`, message: `${p.line ? `line ${p.line}: ` : ''}${p.message}` })));
  } else {
    const overrides = (await listTemplateOverrides(ctx.ds.manager)).map((o) => o.template);
    template = selectTemplate(event, input.locale, { overrides }).template;
  }

  let view: NotificationView = sampleView(event);
  let orderNumber: number | null = null;
  const sampled: NotificationViewField[] = [];
  const orderId = input.orderId ?? (input.orderNumber ? await orderIdByNumber(ctx.ds.manager, input.orderNumber) : null);
  if (input.orderNumber && !orderId)
    throw new AppError('NOT_FOUND', `No order #${input.orderNumber}: check the number, or preview with the sample order`);
  if (orderId) {
    const facts = await orderFactsForPreview(ctx.ds.manager, orderId, event);
    if (!facts) throw new AppError('NOT_FOUND', `No order with id ${orderId}`);
    orderNumber = facts.orderNumber;
    const own = viewOf(facts, settings) as unknown as Record<string, unknown>;
    const sample = view as unknown as Record<string, unknown>;
    for (const field of NOTIFICATION_EVENT_FIELDS[event].required) {
      if (own[field] === undefined && sample[field] !== undefined && !field.endsWith('Text')) {
        own[field] = sample[field];
        sampled.push(field);
      }
    }
    view = own as unknown as NotificationView;
  }

  const preview: TemplatePreview = { channel, subject: null, html: null, text: null, sms: null, whatsapp: null, orderNumber, sampled };
  try {
    const rv = localiseView(view, { locale: formatLocaleFor(input.locale, template.locale), timeZone: settings.timeZone });
    if (channel === 'email') {
      const r = renderEmail(template, (await mjmlCompiler(ctx).compile(template.email.mjml)).html, rv);
      return { ...preview, subject: r.subject, html: r.html, text: r.text };
    }
    if (channel === 'sms') return { ...preview, sms: renderSms(template, rv) };
    const w = renderWhatsApp(template, rv);
    const parameters = w.components.find((c) => c.type === 'body')?.parameters.map((p) => p.text) ?? [];
    const button = w.components.find((c) => c.type === 'button')?.parameters[0]?.text ?? null;
    const text = template.whatsapp.text?.replace(/\{\{\s*(\d+)\s*\}\}/g, (m, n: string) => parameters[Number(n) - 1] ?? m) ?? null;
    return { ...preview, whatsapp: { name: w.name, language: w.language, parameters, button, text } };
  } catch (e) {
    return previewError(e);
  }
}
