/**
 * What a handler adds to the audit entry of the command it runs: the order or location it touched,
 * a subject (a channel, a user, a SKU at a location…), and the state before and after.
 * (Stub: the audit work fills it in — the dispatcher opens a scope per command; outside one this does nothing.)
 */
export interface AuditNote {
  orderId?: string;
  locationId?: string;
  subject?: string;
  before?: unknown;
  after?: unknown;
}

export function auditNote(_note: AuditNote): void {}
