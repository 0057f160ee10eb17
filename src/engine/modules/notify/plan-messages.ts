import { randomUUID } from 'node:crypto';
import type { CustomerPreferences, NotificationChannel, NotificationEvent, NotificationSettings } from '../../../shared';
import { checkEmail } from '../../core/notifications/email-address';
import type { NotificationView } from '../../core/notifications/notification-view';
import { normalisePhone } from '../../core/notifications/phone-number';
import { quietUntil } from '../../core/notifications/quiet-hours';
import type { NewMessage } from './messages.store';
import type { OutboxFacts } from './outbox.store';

/**
 * What an outbox row becomes: the customer's message on the one channel that fits — the first of
 * their preferred channels (else the shop's defaults) that has a provider, an address on the order,
 * and no opt-out — with the facts it shows, its language, and when it may go (quiet hours). An
 * address that is not one is kept as undeliverable with why; a customer who opted out of every
 * channel gets a suppressed record, never a message.
 *
 * The key is (event, order or shipment, version, channel): an event that happens once per order or
 * parcel (confirmed, ready for pickup, shipped, delivered, cancelled) has no version, so it is told
 * once however often it is recorded; one that can repeat (out for delivery again after a failed
 * attempt, a new delay) is versioned by its order event.
 */

const ONCE: readonly NotificationEvent[] = [
  'order.confirmed',
  'order.ready_for_pickup',
  'shipment.shipped',
  'shipment.delivered',
  'order.cancelled',
];
const CUSTOMER_CHANNELS = ['email', 'whatsapp', 'sms'] as const;
type CustomerChannel = (typeof CUSTOMER_CHANNELS)[number];

const FINAL_PARCEL = ['delivered', 'returned', 'lost', 'cancelled'];

export function messageKey(f: Pick<OutboxFacts, 'event' | 'orderId' | 'shipment' | 'orderEventId'>, channel: NotificationChannel): string {
  const subject = f.event.startsWith('shipment.') && f.shipment ? f.shipment.id : f.orderId;
  return ONCE.includes(f.event) ? `${f.event}:${subject}:${channel}` : `${f.event}:${subject}:${f.orderEventId}:${channel}`;
}

/** The facts the message shows, as the templates name them (a snapshot: a resend shows the same). */
export function viewOf(f: OutboxFacts, settings: NotificationSettings): NotificationView {
  const first = f.customer.name.trim().split(/\s+/)[0];
  const s = f.shipment;
  const delayedTo = f.event === 'shipment.delayed' ? (s?.etaAt ?? f.promisedAt) : f.promisedAt;
  return {
    orderNumber: String(f.orderNumber),
    merchantName: settings.merchantName,
    ...(first ? { customerFirstName: first } : {}),
    ...(settings.orderUrlBase
      ? { orderUrl: `${settings.orderUrlBase.replace(/\/?$/, '/')}${f.orderNumber}`, orderUrlSuffix: String(f.orderNumber) }
      : {}),
    ...(s ? { carrier: s.carrierName ?? s.carrier } : {}),
    ...(s?.trackingNumber ? { trackingNumber: s.trackingNumber } : {}),
    ...(s?.trackingUrl ? { trackingUrl: s.trackingUrl } : {}),
    ...(f.pickup
      ? {
          pickupCode: f.pickup.code,
          locationName: f.pickup.locationName,
          locationAddress: f.pickup.locationCity,
          pickupDeadline: f.pickup.expiresAt.toISOString(),
        }
      : {}),
    ...(delayedTo ? { promisedDate: delayedTo.toISOString() } : {}),
    ...(f.event === 'order.cancelled' && f.eventReason ? { cancellationReason: f.eventReason } : {}),
    // A return's code, and Argentina's withdrawal procedure code (due to the customer within 24 h of the request).
    ...((f.event === 'return.requested' || f.event === 'return.approved' || f.event === 'return.rejected') &&
    f.eventData?.returnNumber !== undefined
      ? {
          returnCode: `R-${String(f.eventData.returnNumber)}`,
          ...(f.eventData.procedureCode ? { procedureCode: String(f.eventData.procedureCode) } : {}),
        }
      : {}),
    // A refused return says why when a person said it (the policy's own refusals are worded by the template).
    ...(f.event === 'return.rejected' && f.eventData?.returnNumber !== undefined
      ? { returnCode: `R-${String(f.eventData.returnNumber)}`, ...(f.eventReason ? { returnRejectionReason: f.eventReason } : {}) }
      : {}),
    // A return received at a store or DC says where.
    ...(f.event === 'return.received' && f.eventData?.returnNumber !== undefined
      ? {
          returnCode: `R-${String(f.eventData.returnNumber)}`,
          ...(f.eventData.locationName ? { locationName: String(f.eventData.locationName) } : {}),
        }
      : {}),
    // An approved return (returns' return.approved) gives its code and where to bring it.
    ...(f.event === 'return.approved' && f.eventData?.returnNumber !== undefined
      ? {
          returnCode: `R-${String(f.eventData.returnNumber)}`,
          ...(f.eventData.locationName ? { locationName: String(f.eventData.locationName) } : {}),
          ...(f.eventData.returnLabelUrl ? { returnLabelUrl: String(f.eventData.returnLabelUrl) } : {}),
          // The carrier of a return label bought for the customer (where to hand the parcel in, or who picks it up when).
          ...(f.eventData.carrier ? { carrier: String(f.eventData.carrier) } : {}),
          ...(f.eventData.pickupDate ? { returnPickupDate: String(f.eventData.pickupDate) } : {}),
        }
      : {}),
    // A refund (returns' refund.issued) says how much, in which currency.
    ...(f.event === 'refund.issued' && f.eventData?.refundAmount !== undefined
      ? { refundAmount: Number(f.eventData.refundAmount), refundCurrency: String(f.eventData.refundCurrency ?? '') }
      : {}),
  };
}

/** Why a customer is not told of this event at all (null: they are). */
function notForCustomer(f: OutboxFacts, settings: NotificationSettings): string | null {
  if (!settings.customerEvents.includes(f.event)) return 'not told to customers (settings)';
  if (f.event === 'shipment.delayed') {
    const reason = String(f.eventData?.reason ?? '');
    if (!settings.delayReasons.includes(reason as never)) return `a ${reason || 'delay'} stays with the desk`;
    if (!f.shipment?.etaAt && !f.promisedAt) return 'no new date to tell';
  }
  return null;
}

export function planMessages(
  f: OutboxFacts,
  settings: NotificationSettings,
  providers: ReadonlySet<NotificationChannel>,
  prefs: CustomerPreferences | undefined,
  now: Date,
): NewMessage[] {
  if (notForCustomer(f, settings)) return [];
  const usable = CUSTOMER_CHANNELS.filter((c) => providers.has(c));
  if (!usable.length) return []; // no customer channel set up: nothing to keep
  const locale = prefs?.locale ?? settings.localeByCountry[f.country] ?? settings.defaultLocale;
  const base = {
    outboxId: f.outboxId,
    event: f.event,
    orderId: f.orderId,
    shipmentId: f.shipment?.id ?? null,
    endpointId: null,
    locale,
    view: viewOf(f, settings) as unknown as Record<string, unknown>,
  };
  const one = (channel: CustomerChannel, rest: Pick<NewMessage, 'recipient' | 'status' | 'reason' | 'nextAttemptAt'>): NewMessage[] => [
    { ...base, ...rest, id: randomUUID(), key: messageKey(f, channel), channel },
  ];
  // Shipped by hand, with no carrier tracking it: there is nothing the customer could follow yet.
  if (f.event === 'shipment.shipped' && !f.shipment?.trackingNumber)
    return one(usable[0]!, {
      recipient: null,
      status: 'suppressed',
      reason: 'shipped without a carrier tracking number: nothing to follow yet',
      nextAttemptAt: null,
    });
  // A parcel already delivered (or lost, returned) makes "out for delivery" old news.
  if (f.event === 'shipment.out_for_delivery' && f.shipment && FINAL_PARCEL.includes(f.shipment.status))
    return one(usable[0]!, {
      recipient: null,
      status: 'suppressed',
      reason: `superseded: the parcel is ${f.shipment.status}`,
      nextAttemptAt: null,
    });

  const wanted = (prefs?.channels.length ? prefs.channels : settings.defaultChannels).filter((c) => usable.includes(c));
  const order = wanted.length ? wanted : usable;
  const optedOut = new Set(prefs?.optedOut ?? []);
  const quiet = prefs?.quietHours !== undefined && prefs.quietHours !== null ? prefs.quietHours : settings.quietHours;
  const when = settings.quietHoursExempt.includes(f.event) ? now : quietUntil(now, quiet, prefs?.timeZone ?? settings.timeZone);
  const problems: string[] = [];
  for (const channel of order) {
    if (optedOut.has(channel)) {
      problems.push(`opted out of ${channel}`);
      continue;
    }
    if (channel === 'email') {
      if (!f.customer.email) {
        problems.push('no e-mail on the order');
        continue;
      }
      const e = checkEmail(f.customer.email);
      if (!e.ok) return one('email', { recipient: f.customer.email, status: 'undeliverable', reason: e.reason, nextAttemptAt: null });
      return one('email', { recipient: e.address, status: 'queued', reason: null, nextAttemptAt: when });
    }
    if (!f.customer.phone) {
      problems.push('no phone on the order');
      continue;
    }
    const p = normalisePhone(f.customer.phone, f.country, channel);
    if (!p.ok) return one(channel, { recipient: f.customer.phone, status: 'undeliverable', reason: p.reason, nextAttemptAt: null });
    return one(channel, { recipient: p.e164, status: 'queued', reason: null, nextAttemptAt: when });
  }
  return one(order[0]!, { recipient: null, status: 'suppressed', reason: problems.join('; '), nextAttemptAt: null });
}

/**
 * The merchant's copies: one delivery per enabled endpoint subscribed to the event, its body fixed
 * now (a replay sends the same bytes, signed anew). The body names the delivery by its key, which is
 * also the `Atalaya-Delivery` header: a receiver de-duplicates on it.
 */
export function planWebhooks(f: OutboxFacts, endpoints: readonly { id: string; events: readonly string[] }[]): NewMessage[] {
  const subscribed = endpoints.filter((e) => e.events.includes(f.event));
  if (!subscribed.length) return [];
  const s = f.shipment;
  return subscribed.map((e) => {
    const key = `${messageKey(f, 'webhook')}:${e.id}`;
    const body = {
      id: key,
      event: f.event,
      occurredAt: f.eventAt.toISOString(),
      order: { id: f.orderId, number: f.orderNumber, externalId: f.externalId, channel: f.channel, status: f.orderStatus },
      shipment: s
        ? {
            id: s.id,
            status: s.status,
            carrier: s.carrier,
            trackingNumber: s.trackingNumber,
            trackingUrl: s.trackingUrl,
            etaAt: s.etaAt?.toISOString() ?? null,
          }
        : null,
      promisedAt: f.promisedAt?.toISOString() ?? null,
      reason: f.eventReason,
      data: f.eventData,
    };
    return {
      id: randomUUID(),
      key,
      outboxId: f.outboxId,
      event: f.event,
      orderId: f.orderId,
      shipmentId: s?.id ?? null,
      channel: 'webhook' as const,
      recipient: e.id,
      endpointId: e.id,
      locale: 'en',
      view: body,
      status: 'queued' as const,
      reason: null,
      nextAttemptAt: null,
    };
  });
}
