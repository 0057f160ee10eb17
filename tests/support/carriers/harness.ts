import type { CarrierKind } from '../../../src/shared';
import type { CarrierAccountConfig, InboundCarrierRequest, ShipmentRequest } from '../../../src/engine/ports/carrier.port';

/**
 * What the carrier conformance suite (tests/integration/carriers/conformance.ts) needs from each
 * carrier: its loopback server speaking the carrier's documented format, an account pointing at it,
 * and controls to make the server misbehave and to move parcels along as the carrier would.
 */
export interface CarrierHarness {
  kind: CarrierKind;
  /**
   * False for an in-process carrier (the built-in simulator): no HTTP crosses a wire, so the suite's
   * wire cases (credentials, 404, 429, 5xx, timeouts, the breaker, a retry after a timeout) do not
   * apply and are left out (the suite's title says so). Default true.
   */
  wire?: boolean;
  start(): Promise<HarnessRun>;
}

export type InjectedFailure =
  /** 401 with the carrier's own error body. */
  | 'auth'
  /** 404 for the next shipment lookup. */
  | 'not_found'
  /** 429 with `Retry-After: <retryAfterS>`. */
  | 'rate_limited'
  /** Holds the answer longer than the client's timeout. */
  | 'timeout'
  /** 500/503. */
  | 'server_error';

export interface HarnessRun {
  /** An account whose settings point at the loopback server (base URL), with valid credentials. */
  account: CarrierAccountConfig;
  /** The same account with wrong credentials (the server answers 401 as the carrier does). */
  badCredentials: CarrierAccountConfig;
  /** The next `times` calls (default 1) fail this way. */
  failNext(failure: InjectedFailure, opts?: { times?: number; retryAfterS?: number }): void;
  /** A valid shipment request for this carrier (`reference` is the idempotency key). */
  shipmentRequest(reference: string): ShipmentRequest;
  /** Moves a created shipment along at the carrier, as its scans would. */
  scan(trackingNumber: string, to: 'in_transit' | 'out_for_delivery' | 'attempt_failed' | 'delivered'): Promise<void>;
  /**
   * The scans this carrier's tracking can report, when fewer than all four (default: all). A carrier
   * with coarse tracking lists only what its API has — Melhor Envio reports milestones (posted,
   * delivered) and no out-for-delivery or lasting failed-attempt step — and is scanned only along those.
   */
  trackingSteps?: readonly ('in_transit' | 'out_for_delivery' | 'attempt_failed' | 'delivered')[];
  /** Adds an event with a code the adapter has never seen (must not crash tracking). */
  scanUnknown(trackingNumber: string): Promise<void>;
  /** For async-label carriers: makes the carrier finish (or reject) pending labels now. */
  settleLabels?(outcome: 'created' | 'rejected'): Promise<void>;
  /** A webhook as the carrier would post it about this shipment, signed/authenticated correctly (absent: no webhooks). */
  webhook?(trackingNumber: string): InboundCarrierRequest;
  /** Labels (shipments) bought at the carrier so far — "a retry never buys twice". */
  purchases(): number;
  stop(): Promise<void>;
}
