import { expect } from 'vitest';
import { CarrierHttpPool, DEFAULT_CARRIER_HTTP, type CarrierHttpOptions } from '../../../src/engine/adapters/carriers/carrier-http';
import { carrierAdapter } from '../../../src/engine/adapters/carriers/registry';
import {
  CarrierError,
  type CarrierAccountConfig,
  type CarrierAdapter,
  type CarrierIo,
  type CarrierTrackingEvent,
  type CreateResult,
  type InboundCarrierRequest,
} from '../../../src/engine/ports/carrier.port';
import type { CarrierCapabilities } from '../../../src/shared';
import type { CarrierHarness, HarnessRun } from '../../support/carriers/harness';

/** What the conformance cases share (conformance.ts builds one per harness). */

export type Created = Extract<CreateResult, { state: 'created' }>;

export interface Case {
  /** A short name for the describe title when the case is left out. */
  tag: string;
  name: string;
  /** Why the case is left out for this carrier, or null when it runs. */
  leftOut: string | null;
  run: () => Promise<void>;
}

/** The client options the brief fixes for the suite: short timeout and backoff, a breaker that opens after 3. */
export const SUITE_HTTP: CarrierHttpOptions = {
  ...DEFAULT_CARRIER_HTTP,
  timeoutMs: 1_000,
  initialDelayMs: 10,
  maxDelayMs: 50,
  breakAfter: 3,
  halfOpenAfterMs: 60_000,
};

/** Resolves to the CarrierError a call failed with; fails the test if it succeeded or threw something else. */
export async function carrierFailure(p: Promise<unknown>): Promise<CarrierError> {
  try {
    await p;
  } catch (e) {
    expect(e, `expected a CarrierError, got ${String(e)}`).toBeInstanceOf(CarrierError);
    return e as CarrierError;
  }
  throw new Error('expected the call to fail with a CarrierError, but it succeeded');
}

/** Whether label bytes are what their format says: a PDF's header, or a ZPL label from ^XA to ^XZ. */
export const LABEL_MAGIC = {
  pdf: (b: Uint8Array) => Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-',
  zpl: (b: Uint8Array) => /\^XA[\s\S]*\^XZ/.test(Buffer.from(b).toString('utf8')),
};

/** Header names that carry transport facts, not credentials (kept as they are when forging a webhook). */
const PLAIN_HEADERS = new Set(['content-type', 'content-length', 'user-agent', 'accept', 'host', 'connection']);

/** Another value of the same length (a changed signature or token still looks like one). */
const mangle = (v: string): string => (v.length === 0 ? 'x' : v.slice(0, -1) + (v.endsWith('A') ? 'B' : 'A'));

/**
 * A forgery of a genuine webhook: every credential-bearing header and query value changed, and the
 * body altered — whatever the carrier authenticates with (an HMAC of the body, a token in a header
 * or in the URL), it no longer holds.
 */
export function forgeWebhook(req: InboundCarrierRequest): InboundCarrierRequest {
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, v === undefined || PLAIN_HEADERS.has(k) ? v : mangle(v)]),
  );
  const [path, q = ''] = req.path.split('?');
  const query = new URLSearchParams(q);
  for (const [k, v] of [...query.entries()]) query.set(k, mangle(v));
  return { ...req, headers, path: q ? `${path}?${query.toString()}` : path!, rawBody: Buffer.concat([req.rawBody, Buffer.from(' ')]) };
}

export interface ConformanceKit {
  adapter: CarrierAdapter;
  caps: CarrierCapabilities;
  /** Whether calls cross a wire (false: the in-process simulator). */
  wire: boolean;
  /** The harness run (set in the suite's beforeAll). */
  readonly run: HarnessRun;
  /** A unique shipment reference. */
  ref(what: string): string;
  /** A fresh client per call site: one case's failures never open the breaker for the next. */
  ioFor(account: CarrierAccountConfig, opts?: Partial<CarrierHttpOptions>): { io: CarrierIo; pool: CarrierHttpPool };
  /** The client for injected failures: no retries, so one injected failure is one failed call. */
  noRetryIo(account: CarrierAccountConfig): { io: CarrierIo; pool: CarrierHttpPool };
  /** Creates a shipment and, for an async carrier, settles it: the created shipment. */
  createShipment(reference: string): Promise<Created>;
  track(trackingNumbers: readonly string[]): Promise<CarrierTrackingEvent[]>;
}

export function conformanceKit(h: CarrierHarness, currentRun: () => HarnessRun): ConformanceKit {
  const adapter = carrierAdapter(h.kind);
  let counter = 0;
  const ioFor = (account: CarrierAccountConfig, opts: Partial<CarrierHttpOptions> = {}) => {
    const pool = new CarrierHttpPool({ ...SUITE_HTTP, ...opts });
    const io: CarrierIo = {
      http: pool.forAccount(account.id, adapter.displayName),
      now: () => new Date(),
      saveSecrets: () => Promise.resolve(),
    };
    return { io, pool };
  };
  const kit: ConformanceKit = {
    adapter,
    caps: adapter.capabilities,
    wire: h.wire !== false,
    get run() {
      return currentRun();
    },
    ref: (what) => `CF-${h.kind.slice(0, 4).toUpperCase()}-${what}-${++counter}-${Date.now().toString(36)}`,
    ioFor,
    noRetryIo: (account) => ioFor(account, { maxAttempts: 1 }),
    async createShipment(reference) {
      const run = currentRun();
      const { io } = ioFor(run.account);
      const first = await adapter.createShipment(run.account, run.shipmentRequest(reference), io);
      if (first.state === 'created') return first;
      expect(first.state, `create ${reference} was rejected: ${first.state === 'rejected' ? first.reason : ''}`).toBe('pending');
      if (first.state !== 'pending') throw new Error('unreachable');
      expect(run.settleLabels, 'an async carrier answered pending: its harness must offer settleLabels').toBeDefined();
      await run.settleLabels!('created');
      const checked = await adapter.checkShipment(run.account, first.externalId, io);
      expect(checked.state).toBe('created');
      return checked as Created;
    },
    track: (trackingNumbers) => adapter.track(currentRun().account, trackingNumbers, ioFor(currentRun().account).io),
  };
  return kit;
}
