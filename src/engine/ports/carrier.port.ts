import type { Branch, CarrierCapabilities, CarrierKind, ShipmentStatus } from '../../shared';

/**
 * The carrier port: one adapter per carrier (Andreani, OCA, Mercado Envíos, Envia, Melhor Envio, the
 * built-in simulator). Every adapter passes the conformance suite in `tests/integration/carriers/`
 * against a loopback server that speaks the carrier's documented format.
 *
 * Adapters are stateless: what they need between calls (the carrier's shipment id, a token they
 * refreshed) is returned to the engine, which stores it. Every HTTP call goes through
 * {@link CarrierIo.http} — one client with timeouts, retries with jitter and a circuit breaker per
 * carrier account — so an adapter only says what to call and how to read the answer.
 */

/** One configured carrier account as an adapter sees it, secrets decrypted (never logged). */
export interface CarrierAccountConfig {
  id: string;
  kind: CarrierKind;
  name: string;
  /** Non-secret settings: API base URL, client/contract numbers, origin branch, simulator rules … */
  settings: Readonly<Record<string, string>>;
  /** Secrets: user/password, API tokens, webhook signing secret … */
  secrets: Readonly<Record<string, string>>;
}

export interface CarrierAddress {
  name: string;
  line1: string;
  city: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone?: string;
  email?: string;
  lat?: number;
  lng?: number;
}

export interface CarrierParcel {
  weightGrams: number;
  lengthMm?: number;
  widthMm?: number;
  heightMm?: number;
}

export interface QuoteRequest {
  from: CarrierAddress;
  to: CarrierAddress;
  parcels: readonly CarrierParcel[];
  declaredValue: { amount: number; currency: string };
}

export interface Quote {
  service: string;
  serviceName: string;
  price: { amount: number; currency: string };
  /** Business days from hand-over to delivery. */
  transitDays: number;
}

export interface ShipmentRequest {
  /** Our reference for this shipment (the parcel code, e.g. AT1042-1): the idempotency key at the carrier. */
  reference: string;
  orderNumber: number;
  service: string;
  from: CarrierAddress;
  to: CarrierAddress;
  parcel: CarrierParcel;
  declaredValue: { amount: number; currency: string };
  /** Preferred label format; the adapter answers with what the carrier gives. */
  labelFormat: 'zpl' | 'pdf';
  /** Channel-side facts some carriers need (Mercado Envíos: the marketplace's shipment id). */
  external?: Readonly<Record<string, string>>;
}

export interface CarrierLabel {
  format: 'zpl' | 'pdf';
  bytes: Uint8Array;
}

/** What creating (or checking) a shipment gave. */
export type CreateResult =
  | {
      state: 'created';
      /** The carrier's id for the shipment (what cancel, label and tracking calls name). */
      externalId: string;
      trackingNumber: string;
      /** The label, when it came with the answer (else fetch it with {@link CarrierAdapter.label}). */
      label?: CarrierLabel;
      /** No label exists for this shipment (Mercado Envíos Flex). */
      noLabel?: boolean;
      trackingUrl?: string;
    }
  /** Accepted; the carrier creates it later. Check again after `retryAfterMs` (or the engine's backoff). */
  | { state: 'pending'; externalId: string; retryAfterMs?: number }
  /** The carrier will not create it (bad address, service not available): a person chooses again. */
  | { state: 'rejected'; externalId?: string; reason: string };

/** One tracking event as the carrier reported it, with our normalisation beside the raw layer. */
export interface CarrierTrackingEvent {
  trackingNumber: string;
  /** Normalised status; null when the carrier's code is unknown to the adapter (kept, not applied). */
  status: ShipmentStatus | null;
  /** Reason code (`customer_absent`, `address_not_found`, `damaged`, …) or null. */
  reason: string | null;
  carrierCode: string;
  carrierText: string;
  occurredAt: Date;
  location?: string;
  /** The carrier's current delivery estimate, when it gives one. */
  etaAt?: Date;
}

/** A verified webhook: which shipments it is about (a hint — the engine re-fetches their tracking). */
export type WebhookVerdict =
  | {
      ok: true;
      /** The delivery's id (or a hash of the body) so a redelivery is a no-op. */
      dedupeKey: string;
      /** Tracking numbers (or carrier shipment ids) the webhook names. */
      refs: readonly string[];
    }
  | { ok: false; status: 400 | 401; reason: string };

export interface InboundCarrierRequest {
  method: string;
  /** The path after `/api/v1/carriers/:accountId`. */
  path: string;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
  receivedAt: Date;
}

export interface HttpRequest {
  /** For messages and logs: "Andreani create shipment AT1042-1". */
  what: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Answers that are not failures for this call (e.g. 404 on a cancel that is "already gone"). */
  okStatuses?: readonly number[];
  /** Per-call timeout; the client's default otherwise. */
  timeoutMs?: number;
  /**
   * Whether the call may be retried by the client on a transient failure (timeouts, 5xx, 429).
   * Default true for GET, false otherwise: a POST that buys a label is retried by the engine's
   * workflow, which first asks the carrier whether the earlier attempt went through.
   */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text(): string;
  json(): unknown;
}

/** The one outbound HTTP client (per account): timeouts, retries with jitter, circuit breaker. Throws CarrierError. */
export interface CarrierHttp {
  request(req: HttpRequest): Promise<HttpResponse>;
}

export interface CarrierIo {
  http: CarrierHttp;
  now(): Date;
  /** Persists secrets the carrier rotated (an OAuth token), encrypted like the rest. */
  saveSecrets(update: Record<string, string>): Promise<void>;
}

/**
 * Why a carrier call failed, with intent (BullMQ's UnrecoverableError idea):
 * - `auth` — the carrier refused our credentials (fix the account; not retried);
 * - `not_found` — the carrier does not know this shipment (or it is not its to answer);
 * - `rate_limited` — 429; `retryAfterMs` is the carrier's Retry-After;
 * - `unavailable` — 5xx, timeout, unreachable, or the circuit is open (retried with backoff);
 * - `invalid` — the carrier refused the request as it is (4xx with a reason; not retried);
 * - `protocol` — the answer could not be read (a format change); not retried blindly.
 */
export class CarrierError extends Error {
  constructor(
    message: string,
    readonly kind: 'auth' | 'not_found' | 'rate_limited' | 'unavailable' | 'invalid' | 'protocol',
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'CarrierError';
  }

  get transient(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable';
  }
}

export interface CarrierAdapter {
  readonly kind: CarrierKind;
  /** Human name ("Andreani"). */
  readonly displayName: string;
  readonly capabilities: CarrierCapabilities;
  /** Settings and secrets the account must have, for the desk's form and a clear error when one is missing. */
  readonly settingsSpec: readonly { key: string; secret: boolean; required: boolean; help: string }[];

  quote(account: CarrierAccountConfig, req: QuoteRequest, io: CarrierIo): Promise<Quote[]>;
  /**
   * Creates the shipment (and its label where the carrier makes it at once). Retry-safe: called again
   * with the same `reference` after a timeout it finds the shipment made the first time instead of
   * buying a second one.
   */
  createShipment(account: CarrierAccountConfig, req: ShipmentRequest, io: CarrierIo): Promise<CreateResult>;
  /** For `async` labels: how is the shipment `externalId` now (pending, created, rejected)? */
  checkShipment(account: CarrierAccountConfig, externalId: string, io: CarrierIo): Promise<CreateResult>;
  /** The label of a created shipment. */
  label(account: CarrierAccountConfig, externalId: string, format: 'zpl' | 'pdf', io: CarrierIo): Promise<CarrierLabel>;
  /** Idempotent: a shipment already cancelled answers `{ alreadyCancelled: true }`, not an error. */
  cancel(account: CarrierAccountConfig, externalId: string, io: CarrierIo): Promise<{ alreadyCancelled: boolean }>;
  /** Close-out of the day's shipments (capabilities.manifest). */
  manifest?(account: CarrierAccountConfig, externalIds: readonly string[], io: CarrierIo): Promise<{ manifestId: string }>;
  /** Books a pickup at the origin (capabilities.pickupBooking). */
  bookPickup?(
    account: CarrierAccountConfig,
    req: { from: CarrierAddress; date: string; parcels: number; externalIds: readonly string[] },
    io: CarrierIo,
  ): Promise<{ confirmation: string }>;
  /** Branches / pickup points near a postcode (capabilities.branches). */
  branches?(account: CarrierAccountConfig, postalCode: string, io: CarrierIo): Promise<Branch[]>;
  /** Tracking for many shipments at once (polling). Unknown ones are left out, never thrown. */
  track(account: CarrierAccountConfig, trackingNumbers: readonly string[], io: CarrierIo): Promise<CarrierTrackingEvent[]>;
  /** Verifies a webhook (signature or shared token, constant-time) and names what it is about. Never throws. */
  verifyWebhook?(account: CarrierAccountConfig, req: InboundCarrierRequest): WebhookVerdict;
  /** The public tracking page for a tracking number, if the carrier has one. */
  trackingUrl?(trackingNumber: string): string | undefined;
}
