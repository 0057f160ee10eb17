import { NOTIFICATION_EVENTS, type NotificationEvent, type WebhookEndpoint } from '../../../../shared';

/** Adding or editing a merchant webhook endpoint, as the form holds it. */
export interface EndpointForm {
  /** Editing an endpoint that exists (its id is fixed). */
  existing: boolean;
  id: string;
  url: string;
  events: NotificationEvent[];
  enabled: boolean;
}

/** What the form can tell before sending: each a message key (the engine checks again and names anything else). */
export type EndpointProblem = 'notifyAdmin.hooks.problem.id' | 'notifyAdmin.hooks.problem.url' | 'notifyAdmin.hooks.problem.events';

export const newEndpointForm = (): EndpointForm => ({
  existing: false,
  id: '',
  url: 'https://',
  events: ['order.confirmed', 'shipment.shipped', 'shipment.delivered', 'order.cancelled'],
  enabled: true,
});

export const formOf = (e: WebhookEndpoint): EndpointForm => ({
  existing: true,
  id: e.id,
  url: e.url,
  events: [...e.events],
  enabled: e.enabled,
});

const ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

function httpUrl(s: string): boolean {
  try {
    const u = new URL(s.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}

export function endpointProblems(f: EndpointForm): EndpointProblem[] {
  const out: EndpointProblem[] = [];
  if (!ID.test(f.id)) out.push('notifyAdmin.hooks.problem.id');
  if (!httpUrl(f.url)) out.push('notifyAdmin.hooks.problem.url');
  if (!f.events.length) out.push('notifyAdmin.hooks.problem.events');
  return out;
}

/** The events in the contract's order (a toggled checkbox keeps the list ordered). */
export const toggledEvent = (events: readonly NotificationEvent[], e: NotificationEvent): NotificationEvent[] =>
  NOTIFICATION_EVENTS.filter((x) => (x === e ? !events.includes(e) : events.includes(x)));
