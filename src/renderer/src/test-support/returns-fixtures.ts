import { ReturnSettingsSchema, returnItemState, type Return, type ReturnLine, type ReturnSettings } from '../../../shared';

export const RETURN_1 = '31111111-1111-4111-8111-111111111111';
export const RETURN_2 = '32222222-2222-4222-8222-222222222222';
export const ORDER_1 = '7d3c1f6e-2b1a-4c3d-9e8f-0a1b2c3d4e5f';

/** A return line as the returns contract answers it: one unit of SKU-A, asked back unopened. */
export const aReturnLine = (over: Partial<ReturnLine> = {}): ReturnLine =>
  withState(
    {
      lineNo: 1,
      sku: 'SKU-A',
      productName: 'Yerba 1 kg',
      quantity: 1,
      unitPrice: 25_000,
      reason: 'changed_mind',
      condition: 'unopened',
      verdict: 'approve',
      received: 0,
      receiptOutcome: null,
      disposition: null,
      acceptance: null,
      rejectionReason: null,
      state: 'expected',
      ...over,
    },
    over.state,
  );

/** The item's state follows what the line records unless a test says otherwise. */
const withState = (l: ReturnLine, state?: ReturnLine['state']): ReturnLine => ({ ...l, state: state ?? returnItemState(l) });

/** A return as the returns contract answers it: R-1042 of order #7, approved by the policy under Argentina's right of withdrawal. */
export const aReturn = (over: Partial<Return> = {}): Return => ({
  id: RETURN_1,
  number: 1042,
  orderId: ORDER_1,
  orderNumber: 7,
  customerName: 'Ana',
  status: 'approved',
  source: 'desk',
  method: 'store_drop_off',
  resolution: 'refund',
  locationId: 'loc-1',
  verdict: 'approve',
  reasons: [{ code: 'legal_withdrawal', sku: 'SKU-A', params: { country: 'AR', days: 10, kind: 'calendar', lastDay: '2026-03-12' } }],
  legalWithdrawal: true,
  procedureCode: 'ARR-ABCDEFGH23',
  value: 25_000,
  currency: 'ARS',
  notes: null,
  photos: [],
  requestedBy: 'Paula Planner',
  requestedAt: '2026-03-03T10:00:00Z',
  dueAt: null,
  decidedBy: 'return policy',
  decidedAt: '2026-03-03T10:00:00Z',
  decisionReason: null,
  refundedAmount: null,
  refundedAt: null,
  labelExpiresAt: null,
  lines: [aReturnLine()],
  carrierLabel: null,
  updatedAt: '2026-03-03T10:00:00Z',
  ...over,
});

/** A return waiting in the approvals queue: worth more than the automatic limit. */
export const aWaitingReturn = (over: Partial<Return> = {}): Return =>
  aReturn({
    status: 'requested',
    verdict: 'review',
    value: 50_000,
    reasons: [{ code: 'value_review', sku: null, params: { value: 50_000, threshold: 40_000 } }],
    procedureCode: null,
    legalWithdrawal: false,
    dueAt: '2026-03-04T10:00:00Z',
    decidedBy: null,
    decidedAt: null,
    lines: [aReturnLine({ quantity: 2, verdict: 'approve' })],
    ...over,
  });

/** The return settings with their defaults (the reasons list, limits, SLA), changed by `over`. */
export const aReturnSettings = (over: Partial<ReturnSettings> = {}): ReturnSettings => ({ ...ReturnSettingsSchema.parse({}), ...over });
