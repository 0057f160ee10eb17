import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS, TEMPLATE_LOCALES } from '../../../shared';
import { DEFAULT_TEMPLATES } from './default-templates';
import type { NotificationTemplate } from './notification-template';
import { NoTemplateError, selectTemplate, templateSearchOrder } from './select-template';

const defaultOf = (event: string, locale: string) => DEFAULT_TEMPLATES.find((t) => t.event === event && t.locale === locale)!;

/** A merchant's template: a default with a recognisable subject. */
const own = (event: NotificationTemplate['event'], locale: string, subject = `own ${locale}`): NotificationTemplate => ({
  ...defaultOf(event, 'en'),
  locale,
  email: { ...defaultOf(event, 'en').email, subject },
});

describe('selectTemplate', () => {
  it('has a default for every event in every template locale', () => {
    for (const event of NOTIFICATION_EVENTS) {
      for (const locale of TEMPLATE_LOCALES) {
        const { template, source } = selectTemplate(event, locale);
        expect([template.event, template.locale, source]).toEqual([event, locale, 'default']);
      }
    }
  });

  it('falls back along the locale chain: es-MX → es, fr → en, pt-PT → pt-BR (a variant of the same language before English)', () => {
    expect(selectTemplate('shipment.shipped', 'es-MX').template.locale).toBe('es');
    expect(selectTemplate('shipment.shipped', 'pt-PT').template.locale).toBe('pt-BR');
    expect(selectTemplate('shipment.shipped', 'fr').template.locale).toBe('en');
    expect(selectTemplate('shipment.shipped', 'es_ar').template.locale).toBe('es-AR');
    expect(selectTemplate('shipment.shipped', '').template.locale).toBe('en');
  });

  it('formats in the customer’s variant of the template’s language', () => {
    expect(selectTemplate('refund.issued', 'es-MX').formatLocale).toBe('es-MX');
    expect(selectTemplate('refund.issued', 'fr-FR').formatLocale).toBe('en');
  });

  it('searches the customer’s language (merchant first, then defaults) before English', () => {
    expect(templateSearchOrder('es-AR')).toEqual([
      { source: 'merchant', locale: 'es-AR' },
      { source: 'merchant', locale: 'es' },
      { source: 'default', locale: 'es-AR' },
      { source: 'default', locale: 'es' },
      { source: 'merchant', locale: 'en' },
      { source: 'default', locale: 'en' },
    ]);
  });

  it('prefers a merchant’s template of the language, even a less specific one, to a default', () => {
    const overrides = [own('shipment.shipped', 'es'), own('shipment.shipped', 'en')];
    const picked = selectTemplate('shipment.shipped', 'es-AR', { overrides });
    expect([picked.source, picked.template.email.subject]).toEqual(['merchant', 'own es']);
    expect(
      selectTemplate('shipment.shipped', 'es-AR', { overrides: [...overrides, own('shipment.shipped', 'es-AR')] }).template.email.subject,
    ).toBe('own es-AR');
  });

  it('does not send a merchant’s English to a Spanish reader when a Spanish default exists', () => {
    const picked = selectTemplate('shipment.shipped', 'es-AR', { overrides: [own('shipment.shipped', 'en')] });
    expect([picked.source, picked.template.locale]).toEqual(['default', 'es-AR']);
    expect(selectTemplate('shipment.shipped', 'fr', { overrides: [own('shipment.shipped', 'en')] }).source).toBe('merchant');
  });

  it('falls back per template: an override of one event leaves the others on the defaults, and is used whole', () => {
    const override = own('shipment.shipped', 'es-AR');
    const overrides = [override];
    expect(selectTemplate('shipment.shipped', 'es-AR', { overrides }).template).toBe(override);
    expect(selectTemplate('shipment.delivered', 'es-AR', { overrides }).template).toBe(defaultOf('shipment.delivered', 'es-AR'));
  });

  it('says which event and locales it looked for when a catalogue has nothing', () => {
    expect(() => selectTemplate('order.cancelled', 'es-AR', { defaults: [] })).toThrow(NoTemplateError);
    expect(() => selectTemplate('order.cancelled', 'es-AR', { defaults: [] })).toThrow(
      'No template for "order.cancelled" in es-AR, es, en',
    );
  });
});
