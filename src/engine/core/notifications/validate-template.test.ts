import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS, TEMPLATE_LOCALES } from '../../../shared';
import { DEFAULT_TEMPLATES } from './default-templates';
import type { NotificationTemplate } from './notification-template';
import { validateTemplate } from './validate-template';

const shipped = DEFAULT_TEMPLATES.find((t) => t.event === 'shipment.shipped' && t.locale === 'es-AR')!;
const edit = (change: (t: NotificationTemplate) => Partial<NotificationTemplate>): NotificationTemplate => ({
  ...shipped,
  ...change(shipped),
});
const withSms = (sms: string) => edit(() => ({ sms }));

describe('validateTemplate', () => {
  it('passes every default, and there is one per event and template locale', () => {
    expect(DEFAULT_TEMPLATES).toHaveLength(NOTIFICATION_EVENTS.length * TEMPLATE_LOCALES.length);
    for (const t of DEFAULT_TEMPLATES) expect(validateTemplate(t), `${t.event} ${t.locale}`).toEqual([]);
  });

  it('names an unknown tag, its line, and the field it probably meant', () => {
    expect(validateTemplate(withSms('Hola {{nombre}}.\nSeguilo: {{trakingUrl}}'))).toEqual([
      { part: 'sms', message: '{{nombre}} is not a notification field', tag: 'nombre', line: 1 },
      { part: 'sms', message: '{{trakingUrl}} is not a notification field (did you mean {{trackingUrl}}?)', tag: 'trakingUrl', line: 2 },
    ]);
  });

  it('refuses a field the event never gives, and an optional one outside a section on it', () => {
    expect(validateTemplate(withSms('Código {{pickupCode}}'))).toEqual([
      { part: 'sms', message: '{{pickupCode}} is not given in "shipment.shipped" messages', tag: 'pickupCode', line: 1 },
    ]);
    expect(validateTemplate(withSms('Seguilo: {{trackingUrl}}'))[0]?.message).toBe(
      '{{trackingUrl}} is not known for every "shipment.shipped" message: put it inside {{#trackingUrl}}…{{/trackingUrl}}',
    );
    expect(validateTemplate(withSms('{{#promisedDate}}Llega el {{promisedDateText}}{{/promisedDate}}'))).toEqual([]);
  });

  it('reports a template mustache cannot parse, with the line', () => {
    expect(validateTemplate(withSms('Hola\n{{#trackingUrl}}sin cerrar'))).toEqual([
      { part: 'sms', message: 'Unclosed section "trackingUrl" (line 2)', line: 2 },
    ]);
    const [problem] = validateTemplate(edit((t) => ({ email: { ...t.email, text: 'a\nb {{carrier' } })));
    expect(problem).toMatchObject({ part: 'email.text', line: 2 });
    expect(problem?.message).toMatch(/Unclosed tag/);
  });

  it('requires every part', () => {
    const empty = edit((t) => ({ sms: ' ', email: { ...t.email, subject: '' }, whatsapp: { ...t.whatsapp, name: '' } }));
    expect(validateTemplate(empty).map((p) => `${p.part}: ${p.message}`)).toEqual([
      'email.subject: is empty',
      'sms: is empty',
      'whatsapp.name: "" is not a WhatsApp template name: lowercase letters, digits and _',
    ]);
  });

  it('refuses unescaped tags in the e-mail’s HTML, partials and delimiter changes', () => {
    const t = edit((t) => ({ email: { ...t.email, mjml: t.email.mjml.replace('{{merchantName}}', '{{{merchantName}}}') } }));
    expect(validateTemplate(t)).toEqual([
      expect.objectContaining({
        part: 'email.mjml',
        tag: 'merchantName',
        message: '{{{merchantName}}} would put the value into the HTML unescaped: write {{merchantName}}',
      }),
    ]);
    expect(validateTemplate(withSms('{{&merchantName}}: {{> footer}} {{=<% %>=}}')).map((p) => p.message)).toEqual([
      'partials ({{> footer}}) are not supported: write the text in the template',
      'changing the tag delimiters ({{=…=}}) is not supported',
    ]);
  });

  it('checks the WhatsApp mapping against the view and its approved text', () => {
    const t = edit((t) => ({
      whatsapp: { ...t.whatsapp, language: 'es-AR', body: ['orderNumber', 'nombre' as never], text: '{{1}} salió. Código {{3}}' },
    }));
    expect(validateTemplate(t).map((p) => `${p.part}: ${p.message}`)).toEqual([
      'whatsapp.language: "es-AR" is not a WhatsApp language code (es_AR, es, en, pt_BR)',
      'whatsapp.body: {{nombre}} is not a notification field',
      'whatsapp.text: {{2}} is mapped to a field but not in the text',
      'whatsapp.text: {{3}} is in the text but no field fills it (2 mapped)',
      'whatsapp.text: WhatsApp refuses a template that starts or ends with a parameter',
    ]);
    const button = edit((t) => ({ whatsapp: { ...t.whatsapp, button: { field: 'returnLabelUrl', index: 12 } } }));
    expect(validateTemplate(button).map((p) => p.message)).toEqual([
      '{{returnLabelUrl}} is not given in "shipment.shipped" messages',
      'button index 12 is not a button position (0 to 9)',
    ]);
  });

  it('refuses an unknown event or a malformed locale', () => {
    expect(validateTemplate({ ...shipped, event: 'order.lost' as never })).toEqual([
      { part: 'event', message: '"order.lost" is not a notification event' },
    ]);
    expect(validateTemplate({ ...shipped, locale: 'es AR' })).toEqual([
      { part: 'locale', message: '"es AR" is not a language tag (es-AR, es, en, pt-BR)' },
    ]);
    expect(validateTemplate({ ...shipped, locale: 'es-MX' })).toEqual([]);
  });
});
