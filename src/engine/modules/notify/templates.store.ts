import type { NotificationEvent } from '../../../shared';
import { AppError } from '../../../shared/errors';
import type { NotificationTemplate } from '../../core/notifications/notification-template';
import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';
import type { OutboxFacts } from './outbox.store';

/**
 * The merchant's own templates in SQL (`notification_templates`, one per event and locale, each
 * save a new version), and the facts of one order for the template editor's live preview.
 */

export interface StoredTemplate {
  template: NotificationTemplate;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

interface TemplateRow {
  event: NotificationEvent;
  locale: string;
  template: NotificationTemplate;
  version: number;
  updated_at: Date;
  updated_by: string | null;
}

// The row's key wins over the JSON's copy of it, so a template is always found where it is stored.
const toStored = (r: TemplateRow): StoredTemplate => ({
  template: { ...r.template, event: r.event, locale: r.locale },
  version: r.version,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

const COLUMNS = 'event, locale, template, version, updated_at, updated_by';

/** Every override, by event and locale. */
export async function listTemplateOverrides(m: Tx): Promise<StoredTemplate[]> {
  const rows: TemplateRow[] = await m.query(`SELECT ${COLUMNS} FROM notification_templates ORDER BY event, locale`);
  return rows.map(toStored);
}

export async function readTemplateOverride(m: Tx, event: NotificationEvent, locale: string): Promise<StoredTemplate | null> {
  const rows: TemplateRow[] = await m.query(`SELECT ${COLUMNS} FROM notification_templates WHERE event = $1 AND locale = $2`, [
    event,
    locale,
  ]);
  return rows[0] ? toStored(rows[0]) : null;
}

/** Saves an override (a new one is version 1, each save after it one more). Answers what was there before, and what is now. */
export async function saveTemplateOverride(
  m: Tx,
  template: NotificationTemplate,
  by: string,
  /** The version the editor opened (null: the default); undefined saves over whatever is there. */
  expectedVersion?: number | null,
): Promise<{ before: StoredTemplate | null; saved: StoredTemplate }> {
  const current: TemplateRow[] = await m.query(
    `SELECT ${COLUMNS} FROM notification_templates WHERE event = $1 AND locale = $2 FOR UPDATE`,
    [template.event, template.locale],
  );
  const found = current[0]?.version ?? null;
  if (expectedVersion !== undefined && found !== expectedVersion)
    throw new AppError(
      'VERSION_CONFLICT',
      `the ${template.event} template (${template.locale}) was saved by ${current[0]?.updated_by ?? 'someone'} since you opened it ` +
        `(now ${found === null ? "Atalaya's default" : `version ${found}`}, you opened ${expectedVersion === null ? "Atalaya's default" : `version ${expectedVersion}`}): reload it, then save your changes again`,
    );
  const rows: TemplateRow[] = await m.query(
    `INSERT INTO notification_templates (event, locale, template, version, updated_at, updated_by) VALUES ($1, $2, $3, 1, now(), $4)
     ON CONFLICT (event, locale) DO UPDATE
       SET template = EXCLUDED.template, version = notification_templates.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by
     RETURNING ${COLUMNS}`,
    [template.event, template.locale, JSON.stringify(template), by],
  );
  return { before: current[0] ? toStored(current[0]) : null, saved: toStored(rows[0]!) };
}

/** Removes an override (the default is in effect again). Answers what was removed, if anything. */
export async function deleteTemplateOverride(m: Tx, event: NotificationEvent, locale: string): Promise<StoredTemplate | null> {
  const rows = await returningRows<TemplateRow>(
    m,
    `DELETE FROM notification_templates WHERE event = $1 AND locale = $2 RETURNING ${COLUMNS}`,
    [event, locale],
  );
  return rows[0] ? toStored(rows[0]) : null;
}

/**
 * What a message of `event` about this order would show, as the outbox gives it (its latest
 * shipment, its pickup, its latest reason for the event's kind of change); null for no such order.
 */
/** The id of the order with this number (the number people say), or null. */
export async function orderIdByNumber(m: Tx, orderNumber: number): Promise<string | null> {
  const rows: { id: string }[] = await m.query(`SELECT id FROM orders WHERE number = $1`, [orderNumber]);
  return rows[0]?.id ?? null;
}

export async function orderFactsForPreview(m: Tx, orderId: string, event: NotificationEvent): Promise<OutboxFacts | null> {
  const rows: Array<Record<string, unknown>> = await m.query(
    `SELECT o.id AS order_id, o.number, o.external_id, o.channel, o.status, o.customer, o.ship_to->>'country' AS country, o.promised_at,
       (SELECT e.reason FROM order_events e WHERE e.order_id = o.id AND e.to_status = 'cancelled' ORDER BY e.id DESC LIMIT 1) AS cancel_reason,
       s.id AS shipment_id, s.status AS shipment_status, s.carrier, ca.name AS carrier_name, s.tracking_number, s.tracking_url, s.eta_at,
       p.code AS pickup_code, p.expires_at AS pickup_expires_at, l.name AS location_name, l.city AS location_city
     FROM orders o
     LEFT JOIN LATERAL (SELECT * FROM shipments s WHERE s.order_id = o.id AND s.status <> 'cancelled'
                        ORDER BY s.created_at DESC, s.id DESC LIMIT 1) s ON true
     LEFT JOIN carrier_accounts ca ON ca.id = s.carrier_account_id
     LEFT JOIN pickups p ON p.order_id = o.id
     LEFT JOIN locations l ON l.id = p.location_id
     WHERE o.id = $1`,
    [orderId],
  );
  const r = rows[0];
  if (!r) return null;
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    outboxId: '',
    event,
    orderEventId: '',
    orderId: r.order_id as string,
    orderNumber: Number(r.number),
    externalId: r.external_id as string,
    channel: r.channel as string,
    orderStatus: r.status as string,
    customer: (r.customer ?? { name: '' }) as OutboxFacts['customer'],
    country: (r.country as string | null) ?? '',
    promisedAt: date(r.promised_at),
    eventReason: (r.cancel_reason as string | null) ?? null,
    eventData: null,
    eventAt: new Date(),
    shipment: r.shipment_id
      ? {
          id: r.shipment_id as string,
          status: r.shipment_status as string,
          carrier: r.carrier as string,
          carrierName: r.carrier_name as string | null,
          trackingNumber: r.tracking_number as string | null,
          trackingUrl: r.tracking_url as string | null,
          etaAt: date(r.eta_at),
        }
      : null,
    pickup:
      r.pickup_code && r.pickup_expires_at
        ? {
            code: r.pickup_code as string,
            expiresAt: date(r.pickup_expires_at)!,
            locationName: (r.location_name as string | null) ?? '',
            locationCity: (r.location_city as string | null) ?? '',
          }
        : null,
  };
}
