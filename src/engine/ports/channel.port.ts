import type { ChannelKind, OrderDraft } from '../../shared';

/**
 * The channel port: one adapter per kind of sales channel (REST API, Shopify, WooCommerce, VTEX,
 * Mercado Libre, …). Every adapter passes the conformance suite in `tests/integration/channels/`.
 *
 * The journey of a channel request: the HTTP host receives it on `/api/v1/channels/:channelId/…`,
 * the adapter `verify`s it (signature, constant-time compare) and names its de-duplication key,
 * the raw request is committed to the inbox and acknowledged; a worker later calls `interpret` on
 * the inbox row (fetching the order from the channel's API where the notification only names it)
 * and the messages it returns go through normalisation and intake.
 */

/** An inbound HTTP request exactly as received: the raw body is what signatures are computed over. */
export interface InboundRequest {
  method: string;
  /** The path after `/api/v1/channels/:channelId`, e.g. `/webhooks` or `/notifications`. */
  path: string;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
  receivedAt: Date;
}

/** One configured channel as an adapter sees it, its secrets decrypted (never logged). */
export interface ChannelAccount {
  id: string;
  kind: ChannelKind;
  name: string;
  /** Non-secret settings: shop domain, VTEX account name and environment, ML seller id, API base URL … */
  settings: Readonly<Record<string, string>>;
  /** Secrets: webhook signing secret, app key/token, OAuth client secret and refresh token … */
  secrets: Readonly<Record<string, string>>;
}

export type Verdict =
  /** Verified. `dedupeKey` identifies the delivery (webhook id, event id) so a redelivery is a no-op; `topic` is what it is about. */
  | { ok: true; dedupeKey: string; topic: string }
  /** Refused before anything is written: 401 for a missing or wrong signature, 400 for a request that cannot be this channel's. */
  | { ok: false; status: 400 | 401; reason: string; issues?: readonly { path: string; message: string }[] };

/** What one inbox row means for Atalaya. */
export type ChannelMessage =
  | { type: 'order.upsert'; draft: OrderDraft }
  | { type: 'order.cancel'; externalId: string; reason: string }
  /** The customer asked the channel to return items of an order (Shopify's returns/request). */
  | { type: 'return.request'; request: ChannelReturnRequest }
  /** A delivery that needs no action (a test ping, a topic we do not use); recorded, not an error. */
  | { type: 'ignore'; reason: string };

/**
 * A return the customer asked for on the channel: its order and the channel's own return id (a
 * second delivery of the same return makes nothing new), the units per channel SKU with the
 * channel's reason code (lower case, e.g. Shopify's `size_too_small`) and the customer's note.
 */
export interface ChannelReturnRequest {
  externalOrderId: string;
  externalReturnId: string;
  /** The channel's name for it (Shopify: "#1001-R1"). */
  name?: string;
  lines: { channelSku: string; quantity: number; reason: string; note?: string }[];
}

/** What an adapter may do while interpreting: call the channel's API, and keep rotated credentials. */
export interface ChannelIo {
  fetch: typeof fetch;
  /** Persists secrets the channel rotated (an OAuth refresh token), encrypted like the rest. */
  saveSecrets(update: Record<string, string>): Promise<void>;
  now(): Date;
  /**
   * Runs `work` while holding this channel's refresh lock across every engine node (a Postgres
   * advisory lock), with the channel's secrets as stored NOW — read after the lock was granted, so
   * a node that waited sees the tokens the winner just saved instead of refreshing a dead one.
   * Absent (tests, single process), adapters fall back to an in-process guard.
   */
  withRefreshLock?<T>(work: (secrets: Readonly<Record<string, string>>) => Promise<T>): Promise<T>;
}

/** Thrown by `interpret` for a payload that cannot become an order: the inbox quarantines the row with these field issues. */
export class ChannelPayloadError extends Error {
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ChannelPayloadError';
  }
}

export interface ChannelAdapter {
  readonly kind: ChannelKind;
  /** Names of the secrets and settings this kind needs, for the desk's channel form. */
  readonly requiredSecrets: readonly string[];
  readonly requiredSettings: readonly string[];
  /** Settings and secrets the kind uses when given (the desk's form offers them, unrequired). */
  readonly optionalSettings?: readonly string[];
  readonly optionalSecrets?: readonly string[];
  /**
   * Headers of this account's requests that carry a secret under a name of the account's choosing
   * (VTEX's hook-key header): redacted before the row is stored, like credentials and signatures.
   */
  secretHeaders?(account: ChannelAccount): readonly string[];
  /**
   * Checks a request is genuinely from this channel account. Never throws; never does IO.
   * What a signature or key does not cover (a topic header, a path) must never make `interpret`
   * act where the authenticated content would not: a cancellation is decided by the signed body or
   * by the channel's API, never by an unsigned header alone.
   */
  verify(req: InboundRequest, account: ChannelAccount): Verdict;
  /**
   * Turns a verified, stored request into messages. May call the channel's API via `io.fetch`.
   * Throws `ChannelPayloadError` for a payload that can never work (quarantine); any other error
   * is treated as transient (the inbox retries with backoff).
   */
  interpret(req: InboundRequest, account: ChannelAccount, io: ChannelIo): Promise<ChannelMessage[]>;
  /**
   * Refunds on the channel (its payment) what a return gave back, where the channel can. Retry-safe:
   * `key` (the return's code) marks the refund so a retry after a lost answer finds it instead of
   * refunding twice. Throws ChannelPayloadError for a refusal that will not pass (credentials, an
   * order or line the channel does not know, an amount it refuses), ChannelTransientError otherwise.
   */
  refund?(account: ChannelAccount, req: ChannelRefundRequest, io: Pick<ChannelIo, 'fetch' | 'now'>): Promise<ChannelRefundReceipt>;
}

/** A refund to push to a channel: its order, the units per SKU, and the amount. */
export interface ChannelRefundRequest {
  /** The channel's order id (Atalaya's `externalId`). */
  externalOrderId: string;
  lines: readonly { sku: string; quantity: number }[];
  amount: number;
  currency: string;
  /** The return's code (R-1042): on the refund's note, so a retry finds it. */
  key: string;
  note: string;
}

export interface ChannelRefundReceipt {
  /** The channel's refund id. */
  refundId: string;
  /** True when the refund was already there (a retry found it). */
  existing: boolean;
}
