import type { FieldIssue, OrderDraft, OrderInput } from '../../shared';
import type { WorkflowDeps } from './deps';

export type NormaliseResult = { ok: true; order: OrderInput } | { ok: false; issues: FieldIssue[] };

/**
 * Turns a channel's order draft into the canonical order intake stores: SKUs mapped to ours for
 * this channel, coordinates for the delivery address. A draft that cannot be normalised (an
 * unknown SKU, an address no geocoder can place) gives field issues, never a crash.
 *
 * FIRST VERSION (placeholder contract for parallel work): SKUs pass through unchanged and the
 * address must carry coordinates. The intake work replaces the body — SKU mapping per channel,
 * the gazetteer — keeping this signature.
 */
export async function normaliseDraft(_deps: WorkflowDeps, _channelId: string | null, draft: OrderDraft): Promise<NormaliseResult> {
  const issues: FieldIssue[] = [];
  const a = draft.shipTo;
  if (!a) issues.push({ path: 'shipTo', message: 'a delivery address is required' });
  else if (a.lat === undefined || a.lng === undefined) issues.push({ path: 'shipTo.lat', message: 'no coordinates, and no geocoder is configured yet' });
  if (issues.length || !a) return { ok: false, issues };
  return {
    ok: true,
    order: {
      channel: draft.channel,
      externalId: draft.externalId,
      customer: { name: draft.customer.name, email: draft.customer.email, phone: draft.customer.phone },
      shipTo: { line1: a.line1, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country, lat: a.lat!, lng: a.lng! },
      currency: draft.currency,
      lines: draft.lines.map((l) => ({ sku: l.channelSku, quantity: l.quantity, unitPrice: l.unitPrice })),
      notes: draft.notes,
    },
  };
}
