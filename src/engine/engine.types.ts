import type { Actor, EngineEvent, Endpoint, ErrorBody, FieldIssue, OutputOf } from '../shared';
import type { InboundCarrierRequest } from './ports/carrier.port';
import type { EventReplay } from './ports/event-bus.port';
import type { InboundRequest } from './ports/channel.port';
import type { SilentPrintBridge } from './ports/printer.port';

// Who acts and in which role is contract: declared once in src/shared/roles.ts, re-exported for the engine's hosts.
export { ROLES, type Actor, type Role } from '../shared';

/** How an engine is started; every host builds this from its environment with `loadConfig`. */
export interface EngineConfig {
  /** Shared Postgres; when absent an embedded Postgres lives in `dataDir`. */
  databaseUrl?: string;
  /** Redis for BullMQ; when absent the queues run on BullMQ's Postgres backend. */
  redisUrl?: string;
  /** Folder for the embedded database and local state. */
  dataDir: string;
  /** `seed` fills an empty database with the demo retailer; `empty` leaves it empty. */
  demo: 'seed' | 'empty';
  /** Simulated orders per minute at start (0 = off). */
  simulatorRate: number;
  /** Optional online tile layer URL template for the map (the offline base map is always there). */
  tileUrl?: string;
  /** Run the background workers (sourcing, sweeper) in this process. */
  workers: boolean;
  /** Sourcing jobs run at once per process. */
  workerConcurrency: number;
  /** Database connections in this process's pool. */
  dbPoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Queue name prefix, so test runs sharing one Redis never see each other's jobs. */
  queuePrefix: string;
  /** Watched import folder (CSV/XLSX dropped here are imported; worker nodes only). */
  importDir?: string;
  /** A session ends after this many minutes without a call (idle expiry). */
  sessionIdleMinutes: number;
  /** A session ends this many hours after sign-in, however busy (absolute expiry). */
  sessionHours: number;
  /** This node's print station (ATALAYA_STATION, default `node:<hostname>`): it sends the jobs of its own printers. */
  stationId: string;
  /** How people call the station (ATALAYA_STATION_NAME, default the host name). */
  stationName: string;
  /** The desktop app's silent printing, when the engine runs inside it (set by the Electron host, never from the environment). */
  silentPrint?: SilentPrintBridge;
}

/** The engine as its hosts see it: one dispatcher behind the contract, one event stream. */
export interface Engine {
  /** Parses `input` with the endpoint's schema, checks the actor's role, runs the handler. */
  dispatch<E extends Endpoint>(endpoint: E, input: unknown, actor: Actor): Promise<OutputOf<E>>;
  /**
   * Committed engine events, from this process and every other engine on the same database, each with
   * its place in the durable outbox (`at`, opaque) for a stream that must catch up after a reconnect.
   */
  onEvent(listener: (event: EngineEvent, at: string) => void): () => void;
  /**
   * Up to `limit` committed events after the place `after` (an `at` heard from {@link onEvent}), in order;
   * undefined when `after` is not such a place. What a desk missed while its stream was away.
   */
  eventsAfter(after: string, limit: number): Promise<EventReplay | undefined>;
  /** Channel traffic for the HTTP host: webhooks into the inbox, REST API keys. */
  readonly intake: ChannelIntake;
  /** Carrier webhooks for the HTTP host: verified by the carrier's signature, kept raw, applied by a worker. */
  readonly carriers: CarrierIntake;
  /** Providers' delivery receipts for the HTTP host (WhatsApp status webhooks): verified by the provider's signature, applied at once. */
  readonly receipts: DeliveryReceipts;
  /** Return labels bought from a carrier, for the customer's link (the token in it is the only key). */
  readonly returnLabels: ReturnLabelDownloads;
  /** Inventory feeds too large for the contract: a CSV snapshot streamed from the HTTP body into COPY. */
  readonly feeds: InventoryFeeds;
  /** Sign-in, sessions, the first-run setup and API keys, for the hosts (not part of the desk contract). */
  readonly identity: Identity;
  readonly config: EngineConfig;
  /** What this engine runs on (database, queues, data folder), for its host to say at start. */
  readonly runtime: EngineRuntime;
  /** Drains workers, closes queues and the database. Idempotent. */
  close(): Promise<void>;
}

/**
 * Where an engine's data and queues are. No passwords, but the embedded database's URL: its
 * password is fixed, it listens on loopback only, and it is what `psql` needs to connect.
 */
export interface EngineRuntime {
  /** The embedded PostgreSQL (URL, port, the cluster's folder), or `user@host:port/database` of DATABASE_URL. */
  database: { embedded: true; url: string; port: number; dir: string } | { embedded: false; server: string };
  /** Redis (`host:port` of REDIS_URL) or BullMQ's Postgres backend on the same database. */
  queue: { backend: 'redis' | 'postgres'; server?: string };
  /** The data folder: the secret key, local state, and the embedded cluster (or a link to it). */
  dataDir: string;
}

export type ReceiveResult =
  | { status: 200; body: { received: true; inboxId: string; duplicate: boolean; held: boolean } }
  | {
      status: 400 | 401 | 404;
      body: { error: { code: 'VALIDATION_FAILED' | 'UNAUTHORIZED' | 'NOT_FOUND'; message: string; issues?: FieldIssue[] } };
    };

export type RestAuth = { ok: true; channelId: string | null; actor: Actor | null } | { ok: false; status: 401 | 503; reason: string };

/** What the HTTP host needs from the engine to take channel traffic (not part of the desk contract). */
export interface ChannelIntake {
  /** A channel's webhook or notification: verify, commit to the inbox, enqueue, answer. */
  receive(channelId: string, req: InboundRequest): Promise<ReceiveResult>;
  /**
   * Who is calling `POST /api/v1/orders`: the API channel whose key is presented. Without a key the
   * call is allowed only from loopback and only while no API channel exists (a single desk, the
   * tests); `actor` is then null and the host's own REST actor is used.
   */
  authenticateRest(headers: Readonly<Record<string, string | undefined>>, loopback: boolean): Promise<RestAuth>;
  /** Commits a REST request to the inbox before it is handled; returns the inbox id. */
  recordRest(channelId: string | null, req: InboundRequest): Promise<string>;
  /** Records how the synchronous REST call ended. */
  /**
   * `orders.create` for a REST request already committed to the inbox (parsed and role-checked as
   * the endpoint is): a new order settles the row in its own insert. A replay (same idempotency key
   * or order) leaves the row for {@link finishRest}.
   */
  createRestOrder(inboxId: string, input: unknown, actor: Actor): Promise<OutputOf<'orders.create'>>;
  finishRest(inboxId: string, outcome: { orderId: string } | { rejected: string; issues?: readonly FieldIssue[] }): Promise<void>;
}

export type CarrierReceiveResult =
  | { status: 200; body: { received: true; duplicate: boolean } }
  | { status: 400 | 401 | 404; body: { error: { code: 'VALIDATION_FAILED' | 'UNAUTHORIZED' | 'NOT_FOUND'; message: string } } };

/** What the HTTP host needs to take carrier webhooks (not part of the desk contract). */
export interface CarrierIntake {
  /**
   * A carrier's webhook (a hint): unknown or disabled account, or a carrier that sends none → 404;
   * a signature that does not verify → its 401/400 and nothing written; else kept raw (a redelivery
   * answers `duplicate: true` and changes nothing) and answered at once — a worker re-fetches the
   * tracking of the shipments it names and applies it.
   */
  receive(accountId: string, req: InboundCarrierRequest): Promise<CarrierReceiveResult>;
}

export type WhatsAppVerifyResult = { status: 200; body: string } | { status: 400 | 403; body: ErrorBody };

export type ReceiptsResult =
  | { status: 200; body: { received: true; statuses: number; applied: number; ignored: number } }
  | { status: 400 | 401 | 404 | 503; body: ErrorBody };

/** A return label as the carrier made it, for the customer who holds its link. */
export interface ReturnLabelDownloads {
  /** The label behind a link's token while its return is approved or on its way back; null otherwise (or for a token that is not one). */
  download(token: string): Promise<{ format: 'zpl' | 'pdf'; bytes: Buffer; returnNumber: number } | null>;
}

/** What the HTTP host needs to take providers' delivery receipts (not part of the desk contract). */
export interface DeliveryReceipts {
  /**
   * Meta's webhook verification (`GET` with `hub.mode`, `hub.verify_token`, `hub.challenge`): the
   * challenge, as plain text, when the mode is `subscribe` and the token is the WhatsApp provider's
   * `verifyToken` secret; 403 otherwise.
   */
  verifyWhatsApp(query: Readonly<Record<string, string | undefined>>): Promise<WhatsAppVerifyResult>;
  /**
   * A WhatsApp status webhook: the `X-Hub-Signature-256` is checked over the raw bytes with the
   * provider's `appSecret` secret (401 and nothing read or written when it does not match; 404 while
   * no app secret is saved), then the statuses are applied to the messages they name and the answer
   * is 200 — or 503 with Retry-After when a status names a message whose send is still being recorded,
   * so Meta sends the webhook again (repeats change nothing).
   */
  receiveWhatsApp(req: {
    headers: Readonly<Record<string, string | undefined>>;
    rawBody: Buffer;
    receivedAt: Date;
  }): Promise<ReceiptsResult>;
}

/** What the HTTP host needs to stream an inventory snapshot (not part of the desk contract). */
export interface InventoryFeeds {
  /** Checks the actor's role, the source and the CSV header, then streams the body into COPY. */
  snapshotCsv(
    input: { source: unknown; seq: unknown; body: AsyncIterable<Buffer | string> },
    actor: Actor,
  ): Promise<OutputOf<'inventory.snapshot'>>;
}

/** Where a sign-in comes from, for throttling and the audit log. */
export interface ClientMeta {
  /** The client's address (throttling counts per address and per user name). */
  ip?: string;
  userAgent?: string;
  /** Which host took it. */
  via: 'web' | 'electron' | 'cli';
}

/** A session just opened: the token goes to the client (cookie or the window's session) and nowhere else. */
export interface SignedIn {
  /** The session token (random, 256 bits, base64url); only its SHA-256 is stored. */
  token: string;
  actor: Actor;
  /** Absolute expiry (ISO). */
  expiresAt: string;
}

/** The claims of an OIDC ID token the host has already verified (issuer, audience, signature, nonce). */
export interface ExternalIdentity {
  issuer: string;
  subject: string;
  email?: string;
  name?: string;
}

/**
 * Identity for the hosts. Errors are AppErrors: UNAUTHORIZED (wrong name or password, expired or
 * used setup token — one message for all, so it tells an attacker nothing), RATE_LIMITED (too
 * many failed attempts; `retryAfterSeconds` in the issues' message and on the error), VALIDATION_FAILED.
 * Every sign-in, failed sign-in, sign-out and setup is written to the audit log.
 */
export interface Identity {
  /**
   * First run: while no admin exists, a one-time setup token (created on first call, valid 24 h,
   * kept hashed; the plain token lives only in this process's memory) — the host prints the link.
   * `null` once an admin exists.
   */
  pendingSetupToken(): Promise<string | null>;
  /** Creates the first admin with the setup token, signs them in, and spends the token. */
  completeSetup(input: { token: string; username: string; displayName: string; password: string }, meta: ClientMeta): Promise<SignedIn>;
  signIn(input: { username: string; password: string }, meta: ClientMeta): Promise<SignedIn>;
  /** OIDC: the user whose (issuer, subject) — or, on first sign-in, whose e-mail — matches an enabled user; UNAUTHORIZED otherwise. */
  signInExternal(identity: ExternalIdentity, meta: ClientMeta): Promise<SignedIn>;
  /** The actor of a live session (sliding the idle expiry unless `touch: false` — a check that is not the person's activity, e.g. an open event socket's re-check), or null when the token is unknown, expired, signed out or its user disabled. */
  authenticate(token: string, opts?: { touch?: boolean }): Promise<Actor | null>;
  /** Ends the session (idempotent). */
  signOut(token: string): Promise<void>;
  /** The integrator actor of an API key with `scope`, or null (unknown, revoked, or without that scope). */
  authenticateKey(secret: string, scope: 'inventory.feeds' | 'orders.read'): Promise<Actor | null>;
  /** Idle and absolute session lifetimes in seconds, for the cookie. */
  readonly sessionPolicy: { idleSeconds: number; absoluteSeconds: number };
}
