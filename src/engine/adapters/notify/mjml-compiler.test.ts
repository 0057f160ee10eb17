import mjml2html from 'mjml';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS, TEMPLATE_LOCALES } from '../../../shared';
import { DEFAULT_TEMPLATES } from '../../core/notifications/default-templates';
import { localiseView } from '../../core/notifications/notification-view';
import { renderEmail } from '../../core/notifications/render-notification';
import { sampleView } from '../../core/notifications/sample-view';
import { MjmlCompiler, type MjmlRun, MjmlTemplateError } from './mjml-compiler';

const doc = (column: string, between = '') => `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
${column}
      </mj-column>
    </mj-section>${between}
  </mj-body>
</mjml>`;

const TAGGED =
  doc(`        <mj-text>Hola {{customerFirstName}}, tu pedido #{{orderNumber}}{{#carrier}} va con {{carrier}}{{/carrier}}.</mj-text>
        <mj-raw>{{#trackingUrl}}</mj-raw>
        <mj-button href="{{trackingUrl}}" title="{{carrier}}">Seguir</mj-button>
        <mj-raw>{{/trackingUrl}}</mj-raw>
        <mj-image src="{{qrUrl}}" alt="QR {{pickupCode}}" href="{{ orderUrl }}" />`);

/** mjml2html, counted. */
function counting(): { run: MjmlRun; calls: () => number } {
  let calls = 0;
  return {
    run: (mjml) => {
      calls++;
      return mjml2html(mjml, { validationLevel: 'soft', fonts: {} });
    },
    calls: () => calls,
  };
}

describe('MjmlCompiler', () => {
  it('runs on MJML 5, whose mjml2html returns a promise', () => {
    const result = mjml2html('<mjml><mj-body></mj-body></mjml>');
    expect(result).toBeInstanceOf(Promise);
    return result;
  });

  it('compiles a template once, however often and however concurrently it is used', async () => {
    const { run, calls } = counting();
    const compiler = new MjmlCompiler({ run });
    const [a, b] = await Promise.all([compiler.compile(TAGGED), compiler.compile(TAGGED)]);
    const c = await compiler.compile(TAGGED);
    expect(calls()).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    await compiler.compile(TAGGED.replace('Hola', 'Buenas'));
    expect([calls(), compiler.size]).toEqual([2, 2]);
  });

  it('keeps the most recently used templates when full', async () => {
    const { run, calls } = counting();
    const compiler = new MjmlCompiler({ run, maxEntries: 2 });
    const [one, two, three] = ['uno', 'dos', 'tres'].map((w) => doc(`<mj-text>${w}</mj-text>`));
    await compiler.compile(one!);
    await compiler.compile(two!);
    await compiler.compile(one!);
    await compiler.compile(three!); // evicts two, the least recently used
    await compiler.compile(one!);
    expect(calls()).toBe(3);
    await compiler.compile(two!);
    expect([calls(), compiler.size]).toEqual([4, 2]);
  });

  it('leaves mustache tags intact in text, in attributes and in raw sections', async () => {
    const { html } = await new MjmlCompiler().compile(TAGGED);
    for (const tag of [
      '{{customerFirstName}}',
      '{{#carrier}}',
      '{{/carrier}}',
      'href="{{trackingUrl}}"',
      'title="{{carrier}}"',
      'src="{{qrUrl}}"',
      'alt="QR {{pickupCode}}"',
      'href="{{ orderUrl }}"',
      '{{#trackingUrl}}',
      '{{/trackingUrl}}',
    ]) {
      expect(html).toContain(tag);
    }
    expect(html).not.toContain('fonts.googleapis.com');
  });

  it('refuses a tag MJML drops (a section between sections), naming it and its line', async () => {
    const dropped = doc(
      '<mj-text>hola</mj-text>',
      '\n    {{#trackingUrl}}\n    <mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>\n    {{/trackingUrl}}',
    );
    const error = await new MjmlCompiler().compile(dropped).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MjmlTemplateError);
    expect((error as MjmlTemplateError).problems).toEqual([
      {
        line: 8,
        message: 'MJML dropped {{#trackingUrl}}: a tag between MJML elements is lost; wrap it in <mj-raw>{{#trackingUrl}}</mj-raw>',
      },
      {
        line: 10,
        message: 'MJML dropped {{/trackingUrl}}: a tag between MJML elements is lost; wrap it in <mj-raw>{{/trackingUrl}}</mj-raw>',
      },
    ]);
  });

  it('reports MJML validation errors with their lines, and does not cache a failure', async () => {
    const { run, calls } = counting();
    const compiler = new MjmlCompiler({ run });
    const broken = `<mjml>\n  <mj-body>\n    <mj-text>fuera de una columna</mj-text>\n    <mj-section>\n      <mj-colum><mj-text colour="red">x</mj-text></mj-colum>\n    </mj-section>\n  </mj-body>\n</mjml>`;
    const problems = await compiler.check(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, tagName: 'mj-text', message: expect.stringMatching(/mj-text cannot be used inside mj-body/) }),
        expect.objectContaining({ line: 5, tagName: 'mj-colum', message: expect.stringMatching(/mj-colum doesn't exist/) }),
        expect.objectContaining({ line: 5, tagName: 'mj-text', message: 'Attribute colour is illegal' }),
      ]),
    );
    await expect(compiler.compile(broken)).rejects.toThrow(/line 3: mj-text cannot be used inside mj-body/);
    expect([calls(), compiler.size]).toEqual([2, 0]);
    expect(await compiler.check('  ')).toEqual([{ line: null, message: 'the MJML is empty' }]);
  });
});

describe('the default e-mails, compiled and rendered', () => {
  const compiler = new MjmlCompiler();

  for (const locale of TEMPLATE_LOCALES) {
    it(`every event in ${locale}`, async () => {
      for (const event of NOTIFICATION_EVENTS) {
        const template = DEFAULT_TEMPLATES.find((t) => t.event === event && t.locale === locale)!;
        const { html } = await compiler.compile(template.email.mjml);
        expect(html).toContain(`lang="${locale}"`);
        for (const which of ['full', 'required'] as const) {
          const view = localiseView(sampleView(event, which), { locale, timeZone: 'America/Argentina/Buenos_Aires' });
          const email = renderEmail(template, html, view);
          expect(email.html, `${event} ${which}`).not.toMatch(/\{\{|\}\}/);
          expect(email.html).toContain('#1234');
          expect(email.html).toContain(`<title>${email.subject}</title>`);
        }
      }
    });
  }

  it('shows the pickup QR and links only when the order has them, escaped in attributes', async () => {
    const template = DEFAULT_TEMPLATES.find((t) => t.event === 'order.ready_for_pickup' && t.locale === 'es-AR')!;
    const { html } = await compiler.compile(template.email.mjml);
    const options = { locale: 'es-AR', timeZone: 'America/Argentina/Buenos_Aires' };
    const full = renderEmail(template, html, localiseView(sampleView('order.ready_for_pickup'), options)).html;
    expect(full).toContain('src="https:&#x2F;&#x2F;tienda.example&#x2F;retiro&#x2F;K7P2Q.png"');
    expect(full).toContain('alt="Código QR de retiro K7P2Q"');
    expect(full).toContain('href="https:&#x2F;&#x2F;tienda.example&#x2F;pedidos&#x2F;1234?t&#x3D;8f2c"');
    const bare = renderEmail(template, html, localiseView(sampleView('order.ready_for_pickup', 'required'), options)).html;
    expect(bare).not.toContain('<img');
    expect(bare).not.toContain('Ver mi pedido');
    expect(await compiler.check(template.email.mjml)).toEqual([]);
  });
});
