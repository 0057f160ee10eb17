import Mustache from 'mustache';
import type { RenderView } from './notification-view';

/**
 * Reading mustache templates as data: their tags with line numbers (for the desk editor's
 * messages) and the fields a render would leave empty (for the renderer's "missing field" error).
 * Both walk mustache's own parse tree, so they agree with what `Mustache.render` does.
 */

/** A mustache tag: `{{name}}` is a variable, `{{{name}}}`/`{{&name}}` unescaped, `{{#name}}`/`{{^name}}` a section. */
export interface TemplateTag {
  kind: 'variable' | 'unescaped' | 'section' | 'inverted' | 'partial' | 'delimiters' | 'comment';
  name: string;
  /** 1-based line of the tag in its template. */
  line: number;
  /** The sections (`{{#name}}`) the tag is inside, outermost first. */
  within: string[];
}

/** A template mustache cannot parse (an unclosed section, an unclosed tag). */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

type Span = Mustache.TemplateSpans[number];

const KINDS: Record<string, TemplateTag['kind']> = {
  name: 'variable',
  '&': 'unescaped',
  '#': 'section',
  '^': 'inverted',
  '>': 'partial',
  '=': 'delimiters',
  '!': 'comment',
};

/** The 1-based line of a character offset. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Mustache's parse tree of a template; a {@link TemplateSyntaxError} with the line when it cannot be parsed. */
export function parseTemplate(source: string): Mustache.TemplateSpans {
  try {
    return Mustache.parse(source);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Mustache says where: 'Unclosed section "x" at 120', 'Unclosed tag at 42'.
    const at = /\bat (\d+)\s*$/.exec(message);
    const line = at ? lineAt(source, Number(at[1])) : null;
    throw new TemplateSyntaxError(line ? `${message.replace(/\s*at \d+\s*$/, '')} (line ${line})` : message, line);
  }
}

/** Every tag of a template, in order, sections' contents included. */
export function listTags(source: string): TemplateTag[] {
  const tags: TemplateTag[] = [];
  const walk = (spans: Mustache.TemplateSpans, within: string[]) => {
    for (const span of spans) {
      const kind = KINDS[span[0]];
      if (!kind) continue;
      tags.push({ kind, name: span[1], line: lineAt(source, span[2]), within });
      if (kind === 'section' && Array.isArray(span[4])) walk(span[4], [...within, span[1]]);
      if (kind === 'inverted' && Array.isArray(span[4])) walk(span[4], within);
    }
  };
  walk(parseTemplate(source), []);
  return tags;
}

/**
 * The fields a render of `source` with `view` would show empty: each variable reached on the
 * path the render takes (a section is entered only when its field has a value, an inverted one
 * only when it has none). A field inside `{{#trackingUrl}}…{{/trackingUrl}}` is therefore
 * optional, and one outside any section required. Names in order of first use, without repeats.
 */
export function missingFields(source: string, view: RenderView): string[] {
  const values = view as Readonly<Record<string, string | undefined>>;
  const has = (name: string) => (values[name] ?? '') !== '';
  const missing: string[] = [];
  const walk = (spans: Mustache.TemplateSpans) => {
    for (const span of spans as Span[]) {
      const [type, name] = span;
      if ((type === 'name' || type === '&') && !has(name) && !missing.includes(name)) missing.push(name);
      const children = span[4];
      if (type === '#' && has(name) && Array.isArray(children)) walk(children);
      if (type === '^' && !has(name) && Array.isArray(children)) walk(children);
    }
  };
  walk(parseTemplate(source));
  return missing;
}
