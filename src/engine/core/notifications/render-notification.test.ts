import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS, NOTIFICATION_VIEW_FIELDS, TEMPLATE_LOCALES, type NotificationViewField } from '../../../shared';
import type { WhatsAppMessage } from '../../ports/notifier.port';
import { DEFAULT_TEMPLATES } from './default-templates';
import type { NotificationTemplate } from './notification-template';
import { localiseView, type RenderView } from './notification-view';
import { renderEmail, renderSms, renderWhatsApp, sanitiseWhatsAppParam, TemplateRenderError } from './render-notification';
import { sampleView } from './sample-view';

/*
 * The e-mail's HTML comes from the MJML compiler (an adapter, tested with the real mjml beside it);
 * here the template's MJML source stands in for it: it is markup with the same mustache tags, which
 * is all escaping is about.
 */

const template = (event: string, locale: string) => DEFAULT_TEMPLATES.find((t) => t.event === event && t.locale === locale)!;
const localised = (event: (typeof NOTIFICATION_EVENTS)[number], which: 'full' | 'required' = 'full', locale = 'es-AR') =>
  localiseView(sampleView(event, which), { locale, timeZone: 'America/Argentina/Buenos_Aires' });
const renderAll = (t: NotificationTemplate, view: RenderView) => ({
  ...renderEmail(t, t.email.mjml, view),
  sms: renderSms(t, view),
  whatsapp: renderWhatsApp(t, view),
});

describe('the default templates render', () => {
  for (const event of NOTIFICATION_EVENTS) {
    for (const locale of TEMPLATE_LOCALES) {
      it(`${event} in ${locale}, with every field and with only the required ones`, () => {
        const t = template(event, locale);
        for (const which of ['full', 'required'] as const) {
          const view = localised(event, which, locale);
          const out = renderAll(t, view);
          for (const text of [out.subject, out.html, out.text, out.sms]) {
            expect(text).not.toMatch(/\{\{|\}\}|undefined|null/);
            expect(text).toContain('1234');
          }
          // Defaults map only required fields to WhatsApp, so no "-" for an absent one.
          const params = out.whatsapp.components.flatMap((c) => c.parameters.map((p) => p.text));
          expect(params).toHaveLength(t.whatsapp.body.length);
          expect(params).not.toContain('-');
          expect(out.text).toContain(view.merchantName!);
        }
      });
    }
  }

  it('writes the facts in the text as a retailer would', () => {
    const view = localised('shipment.shipped');
    const out = renderAll(template('shipment.shipped', 'es-AR'), view);
    expect(out.subject).toBe('Tu pedido #1234 está en camino');
    expect(out.text).toContain('Estimamos que te llega el lunes 8 de diciembre.');
    expect(out.text).toContain('Seguir mi envío: https://tracking.example/envios/360000123456789');
    expect(out.sms).toBe(
      'Tienda Atalaya: tu pedido #1234 está en camino con Andreani. Seguimiento: https://tracking.example/envios/360000123456789',
    );
    const brl = localiseView(
      { ...sampleView('refund.issued'), refundAmount: '1234.56', refundCurrency: 'BRL' },
      { locale: 'pt-BR', timeZone: 'America/Sao_Paulo' },
    );
    expect(renderAll(template('refund.issued', 'pt-BR'), brl).subject).toBe('Reembolsamos R$ 1.234,56 do seu pedido #1234');
  });

  it('leaves out what an order lacks, without empty lines', () => {
    const out = renderAll(template('shipment.shipped', 'es-AR'), localised('shipment.shipped', 'required'));
    expect(out.text).not.toContain('Estimamos');
    expect(out.text).not.toContain('Seguir mi envío');
    expect(out.text).not.toMatch(/\n\n\n/);
    expect(out.sms).toMatch(/Seguimiento: 360000123456789$/);
  });
});

describe('escaping per channel', () => {
  const hostile = '<script>alert("hi")</script> & Co';
  const view = { ...localised('order.cancelled'), customerFirstName: hostile, cancellationReason: hostile, merchantName: 'Ana & Hijos' };
  const out = renderAll(template('order.cancelled', 'es-AR'), view);

  it('HTML-escapes view values in the e-mail’s HTML', () => {
    expect(out.html).not.toContain('<script>');
    expect(out.html).toContain('&lt;script&gt;alert(&quot;hi&quot;)&lt;&#x2F;script&gt; &amp; Co');
    expect(out.html).toContain('Ana &amp; Hijos');
  });

  it('leaves them as written in the subject, the plain text and the SMS', () => {
    expect(out.text).toContain(`¡Hola, ${hostile}!`);
    expect(out.text).toContain(`Motivo: ${hostile}`);
    expect(out.sms).toBe(`Ana & Hijos: cancelamos tu pedido #1234. Si ya lo pagaste, te devolvemos el dinero. Motivo: ${hostile}`);
    expect(out.text).not.toContain('&amp;');
  });

  it('cannot add markup to the e-mail, whatever the customer typed (property)', () => {
    const nasty = fc.string({ minLength: 1, unit: fc.constantFrom('<', '>', '&', '"', "'", '/', '=', '`', '{', '}', ' ', '\n', 'a', 'ñ') });
    const anything = fc.oneof(nasty, fc.string({ minLength: 1 })).filter((s) => s.trim() !== '');
    const fields = NOTIFICATION_VIEW_FIELDS.filter((f) => f !== 'orderNumber');
    const markup = (html: string) => html.replace(/[^<>"]/g, '');
    for (const event of ['order.ready_for_pickup', 'shipment.shipped', 'order.cancelled'] as const) {
      const t = template(event, 'es-AR');
      const base = localised(event);
      const expected = markup(renderEmail(t, t.email.mjml, base).html);
      fc.assert(
        fc.property(fc.array(anything, { minLength: fields.length, maxLength: fields.length }), (values) => {
          const view: Record<string, string> = { ...base };
          fields.forEach((f, i) => {
            if (base[f as NotificationViewField] !== undefined) view[f] = values[i]!;
          });
          expect(markup(renderEmail(t, t.email.mjml, view).html)).toBe(expected);
        }),
        { numRuns: 150 },
      );
    }
  });
});

describe('WhatsApp parameters', () => {
  it('have no newlines, tabs or runs of more than four spaces, and are never empty', () => {
    expect(sanitiseWhatsAppParam('Av. Santa Fe 3253\nPiso 2\tDepto B')).toBe('Av. Santa Fe 3253 Piso 2 Depto B');
    expect(sanitiseWhatsAppParam('a     b')).toBe('a b');
    expect(sanitiseWhatsAppParam('a    b')).toBe('a    b');
    expect(sanitiseWhatsAppParam('a \r\n    b')).toBe('a b');
    expect(sanitiseWhatsAppParam('  \n ')).toBe('-');
    expect(sanitiseWhatsAppParam(undefined)).toBe('-');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const p = sanitiseWhatsAppParam(s);
        expect(p).not.toMatch(/[\n\r\t]| {5}/);
        expect(p.length).toBeGreaterThan(0);
      }),
    );
  });

  it('fill the approved template in order, as the notifier port takes it', () => {
    const t = template('order.ready_for_pickup', 'pt-BR');
    const view = { ...localised('order.ready_for_pickup'), locationAddress: 'Av. Paulista 1000\nConjunto 12' };
    const message: WhatsAppMessage = { channel: 'whatsapp', key: 'k', to: '+5511912345678', template: renderWhatsApp(t, view) };
    expect(message.template).toEqual({
      name: 'order_ready_for_pickup',
      language: 'pt_BR',
      components: [
        {
          type: 'body',
          parameters: ['1234', 'Sucursal Palermo', 'Av. Paulista 1000 Conjunto 12', 'K7P2Q'].map((text) => ({ type: 'text', text })),
        },
      ],
    });
  });

  it('send "-" for an absent optional field, refuse an absent required one, and fill a URL button', () => {
    const t: NotificationTemplate = {
      ...template('shipment.shipped', 'en'),
      whatsapp: { name: 'shipped_v2', language: 'en', body: ['carrier', 'trackingUrl'], button: { field: 'orderUrlSuffix', index: 1 } },
    };
    const view = localised('shipment.shipped', 'required');
    expect(() => renderWhatsApp(t, view)).toThrow('Template "shipment.shipped" (en), whatsapp: no value for {{orderUrlSuffix}}');
    const out = renderWhatsApp(t, { ...view, orderUrlSuffix: '1234?t=8f2c' });
    expect(out.components).toEqual([
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'Andreani' },
          { type: 'text', text: '-' },
        ],
      },
      { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: '1234?t=8f2c' }] },
    ]);
    const { carrier: _carrier, ...noCarrier } = view;
    expect(() => renderWhatsApp(t, noCarrier)).toThrow(/no value for \{\{carrier\}\}/);
  });
});

describe('a missing field', () => {
  it('is an error naming the field, the template and the part', () => {
    const { carrier: _carrier, ...view } = localised('shipment.shipped');
    const t = template('shipment.shipped', 'es-AR');
    expect(() => renderEmail(t, t.email.mjml, view)).toThrow(TemplateRenderError);
    expect(() => renderEmail(t, t.email.mjml, view)).toThrow('Template "shipment.shipped" (es-AR), email.mjml: no value for {{carrier}}');
    expect(() => renderSms(t, view)).toThrow('Template "shipment.shipped" (es-AR), sms: no value for {{carrier}}');
  });

  it('inside a section on a field the view lacks is not needed', () => {
    const t: NotificationTemplate = {
      ...template('shipment.shipped', 'en'),
      sms: 'A{{#trackingUrl}} {{trackingUrl}} {{carrier}}{{/trackingUrl}}{{^trackingUrl}} none{{/trackingUrl}}',
    };
    expect(renderSms(t, { orderNumber: '1', merchantName: 'M' })).toBe('A none');
    expect(() => renderSms(t, { orderNumber: '1', merchantName: 'M', trackingUrl: 'https://t.example/1' })).toThrow(/\{\{carrier\}\}/);
  });
});
