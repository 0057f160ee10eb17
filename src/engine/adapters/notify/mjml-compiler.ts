import { createHash } from 'node:crypto';
import mjml2html from 'mjml';
import Mustache from 'mustache';

/**
 * MJML → HTML for notification e-mails, once per template. MJML is heavy (a parser, a validator,
 * CSS inlining: tens of milliseconds a document), so a template's MJML, mustache tags and all, is
 * compiled the first time it is used and the HTML kept, keyed by a hash of the source; every
 * message after that is only a mustache render over the cached HTML (`renderEmail` in the core).
 * An edited template has a new hash, so it is compiled anew; nothing is ever stale.
 *
 * Mustache tags survive MJML 5 as they are, in text and in attributes (href="{{trackingUrl}}",
 * src="{{qrUrl}}"): the unit tests hold this. What MJML does drop is text where no text may be,
 * such as a `{{#section}}` between two <mj-section>s; that would silently unbalance the template,
 * so every tag of the source must be found in the HTML, or the compile fails naming it (block
 * sections go inside <mj-raw>, which MJML copies verbatim).
 *
 * mjml2html is async in MJML 5 (it was sync in 4). Includes (<mj-include>) are ignored, and no
 * .mjmlconfig is read: a template is one self-contained document, and one typed in the desk must
 * not read files of the host.
 */

export interface MjmlProblem {
  /** 1-based line in the MJML source, when known. */
  line: number | null;
  message: string;
  /** The MJML element at fault ("mj-button"). */
  tagName?: string;
}

/** MJML that cannot be compiled into a sound e-mail: every problem, with its line. */
export class MjmlTemplateError extends Error {
  constructor(readonly problems: readonly MjmlProblem[]) {
    super(`MJML template: ${problems.map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message)).join('; ')}`);
    this.name = 'MjmlTemplateError';
  }
}

export interface CompiledEmail {
  /** sha256 of the MJML source, hex. */
  hash: string;
  /** The HTML, mustache tags intact, ready for `renderEmail`. */
  html: string;
}

/** What the compiler runs; mjml2html unless a test passes its own (to count compiles). */
export type MjmlRun = (
  mjml: string,
) => Promise<{ html: string; errors: ReadonlyArray<{ line: number; message: string; tagName: string }> }>;

export interface MjmlCompilerOptions {
  /** How many compiled templates to keep (least recently used go first). */
  maxEntries?: number;
  run?: MjmlRun;
}

const runMjml: MjmlRun = (mjml) =>
  mjml2html(mjml, {
    validationLevel: 'soft',
    keepComments: false,
    ignoreIncludes: true,
    // No web fonts: the default list would add Google Fonts links to every e-mail (a privacy leak and a slower open).
    fonts: {},
    minify: false,
    beautify: false,
  });

/** A mustache tag as written: {{name}}, {{{name}}}, {{#name}}, {{/name}} … */
const MUSTACHE_TAG = /\{\{\{?[\s\S]*?\}?\}\}/g;
const XML_COMMENT = /<!--[\s\S]*?-->/g;

function lineOf(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

/** Tags of the source (outside XML comments, which MJML drops) that are missing from the HTML. */
function droppedTags(source: string, html: string): MjmlProblem[] {
  const blanked = source.replace(XML_COMMENT, (c) => c.replace(/[^\n]/g, ' '));
  const problems: MjmlProblem[] = [];
  const seen = new Set<string>();
  for (const m of blanked.matchAll(MUSTACHE_TAG)) {
    const tag = m[0];
    if (seen.has(tag)) continue;
    seen.add(tag);
    if (!html.includes(tag)) {
      problems.push({
        line: lineOf(source, m.index),
        message: `MJML dropped ${tag}: a tag between MJML elements is lost; wrap it in <mj-raw>${tag}</mj-raw>`,
      });
    }
  }
  return problems;
}

/** The HTML's mustache must still parse (balanced sections). */
function mustacheProblems(html: string): MjmlProblem[] {
  try {
    Mustache.parse(html);
    return [];
  } catch (e) {
    return [{ line: null, message: `the compiled HTML is not a valid mustache template: ${e instanceof Error ? e.message : String(e)}` }];
  }
}

/** One compiler per process (the notification worker's), shared by every merchant's templates. */
export class MjmlCompiler {
  private readonly cache = new Map<string, Promise<CompiledEmail>>();
  private readonly maxEntries: number;
  private readonly run: MjmlRun;

  constructor(options: MjmlCompilerOptions = {}) {
    this.maxEntries = options.maxEntries ?? 256;
    this.run = options.run ?? runMjml;
  }

  /** How many compiled templates are kept. */
  get size(): number {
    return this.cache.size;
  }

  /**
   * The template's HTML with its mustache tags, compiled on first use and cached by the source's
   * hash (concurrent first uses share one compile). Rejects with an {@link MjmlTemplateError}
   * listing every MJML validation error with its line; a failure is not cached, so a fixed
   * template (a new hash anyway) or a retry compiles again.
   */
  compile(mjml: string): Promise<CompiledEmail> {
    const hash = createHash('sha256').update(mjml, 'utf8').digest('hex');
    const cached = this.cache.get(hash);
    if (cached) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to evict.
      this.cache.delete(hash);
      this.cache.set(hash, cached);
      return cached;
    }
    const compiled = this.compileNow(mjml, hash);
    this.cache.set(hash, compiled);
    compiled.catch(() => this.cache.delete(hash));
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return compiled;
  }

  /** The problems of an MJML source, none when it compiles soundly: for the desk's template editor. */
  async check(mjml: string): Promise<MjmlProblem[]> {
    try {
      await this.compile(mjml);
      return [];
    } catch (e) {
      if (e instanceof MjmlTemplateError) return [...e.problems];
      throw e;
    }
  }

  private async compileNow(mjml: string, hash: string): Promise<CompiledEmail> {
    if (!mjml.trim()) throw new MjmlTemplateError([{ line: null, message: 'the MJML is empty' }]);
    let result: Awaited<ReturnType<MjmlRun>>;
    try {
      result = await this.run(mjml);
    } catch (e) {
      throw new MjmlTemplateError([{ line: null, message: e instanceof Error ? e.message : String(e) }]);
    }
    const problems: MjmlProblem[] = result.errors.map((e) => ({ line: e.line ?? null, message: e.message, tagName: e.tagName }));
    if (!problems.length) problems.push(...droppedTags(mjml, result.html), ...mustacheProblems(result.html));
    if (problems.length) throw new MjmlTemplateError(problems);
    return { hash, html: result.html };
  }
}
