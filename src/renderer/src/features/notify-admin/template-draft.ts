import { TEMPLATE_LOCALES, type NotificationEvent, type NotificationTemplateInput, type TemplateSummary } from '../../../../shared';

/**
 * The template editor's pure parts: which editor part an engine issue names, the version a save
 * must name, the locales offered, and what the admin typed as the order to preview with.
 */

/** The parts of a template the editor shows, one field (or group) each. */
export const TEMPLATE_PARTS = ['email.subject', 'email.mjml', 'email.text', 'sms', 'whatsapp'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];

/** One problem the engine found, on the part of the editor it belongs to (`other`: the template as a whole). */
export interface TemplateIssue {
  part: TemplatePart | 'other';
  /** The engine's path ("template.email.mjml", "template.whatsapp.body"). */
  path: string;
  /** The engine's words: the line, the tag and what to do. */
  message: string;
}

export type PreviewChannel = 'email' | 'sms' | 'whatsapp';
export const PREVIEW_CHANNELS: readonly PreviewChannel[] = ['email', 'sms', 'whatsapp'];

/** The editor part an engine issue path names: `template.email.mjml` → email.mjml; any WhatsApp field → whatsapp. */
export function partOf(path: string): TemplatePart | 'other' {
  const p = path.replace(/^template\./, '');
  if (p.startsWith('whatsapp')) return 'whatsapp';
  return (TEMPLATE_PARTS as readonly string[]).includes(p) ? (p as TemplatePart) : 'other';
}

/** An engine error's code (`EngineError` in the desk, `AppError` in tests), when it has one. */
export const errorCode = (e: unknown): string | undefined =>
  typeof (e as { code?: unknown } | null)?.code === 'string' ? (e as { code: string }).code : undefined;

export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The problems of a refused save or preview, each on its part; a refusal without issues is one `other` problem in the engine's words. */
export function issuesOf(e: unknown): TemplateIssue[] {
  const issues = (e as { issues?: unknown } | null)?.issues;
  if (Array.isArray(issues) && issues.length)
    return (issues as { path?: unknown; message?: unknown }[]).map((i) => {
      const path = typeof i.path === 'string' ? i.path : '';
      return { part: partOf(path), path, message: typeof i.message === 'string' ? i.message : String(i.message) };
    });
  return [{ part: 'other', path: '', message: errorMessage(e) }];
}

const sameLocale = (a: string, b: string) => a.toLowerCase().replace('_', '-') === b.toLowerCase().replace('_', '-');

/**
 * The version a save names as the one it started from: the merchant's own template for exactly
 * this locale, else null — the editor opened Atalaya's default, or another language's template it
 * falls back to, and no template of this locale exists yet.
 */
export function expectedVersionOf(opened: Pick<TemplateSummary, 'source' | 'version' | 'locale'>, locale: string): number | null {
  return opened.source === 'merchant' && opened.version !== null && sameLocale(opened.locale, locale) ? opened.version : null;
}

/** Whether two drafts say the same (the editor's "unsaved changes"). */
export const sameTemplate = (a: NotificationTemplateInput | null, b: NotificationTemplateInput | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** The locales the picker offers: Atalaya's template languages, then any the merchant wrote templates in. */
export function localesOf(summaries: readonly Pick<TemplateSummary, 'locale'>[]): string[] {
  const out: string[] = [...TEMPLATE_LOCALES];
  for (const s of summaries) if (!out.some((l) => sameLocale(l, s.locale))) out.push(s.locale);
  return out;
}

/** The template in effect for an event in a locale, as the list answers it. */
export function summaryFor<S extends Pick<TemplateSummary, 'event' | 'locale'>>(
  summaries: readonly S[],
  event: NotificationEvent,
  locale: string,
): S | undefined {
  return summaries.find((s) => s.event === event && sameLocale(s.locale, locale));
}

/** What the admin typed as the order to preview with. */
export type OrderRef = { kind: 'none' } | { kind: 'id'; id: string } | { kind: 'number'; number: number } | { kind: 'invalid' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An order id (UUID), an order number ("1042" or "#1042"), nothing, or neither. */
export function parseOrderRef(text: string): OrderRef {
  const s = text.trim();
  if (!s) return { kind: 'none' };
  if (UUID.test(s)) return { kind: 'id', id: s.toLowerCase() };
  const n = /^#?\s*(\d{1,12})$/.exec(s);
  if (n) return { kind: 'number', number: Number(n[1]) };
  return { kind: 'invalid' };
}

/** The WhatsApp body mapping as the admin writes it ("orderNumber, merchantName"): the fields in order, blanks dropped. */
export const bodyFields = (text: string): string[] =>
  text
    .split(/[,\s]+/)
    .map((f) => f.trim())
    .filter(Boolean);

/** GSM-7 characters an SMS sends in 160 per message; anything else makes it a 70-character Unicode message. */
const GSM = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;

/** How many SMS an SMS text takes (160 / 153 per part in GSM-7, 70 / 67 in Unicode). */
export function smsParts(text: string): { chars: number; parts: number; unicode: boolean } {
  const chars = [...text].length;
  const unicode = !GSM.test(text);
  const [one, many] = unicode ? [70, 67] : [160, 153];
  return { chars, unicode, parts: chars === 0 ? 0 : chars <= one ? 1 : Math.ceil(chars / many) };
}
