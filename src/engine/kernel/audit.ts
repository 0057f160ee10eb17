import { AsyncLocalStorage } from 'node:async_hooks';
import { storableText, type Actor } from '../../shared';

/**
 * What a handler adds to the audit entry of the command it runs: the order or location it touched,
 * a subject (a channel, a user, a SKU at a location…), and the state before and after.
 */
export interface AuditNote {
  orderId?: string;
  locationId?: string;
  subject?: string;
  before?: unknown;
  after?: unknown;
}

export type AuditOutcome = 'ok' | 'denied' | 'failed';

/** One row of `audit_log` as the dispatcher (and `recordAudit`) append it. */
export interface AuditRow {
  userId: string;
  userName: string;
  role: string;
  sessionId: string | null;
  action: string;
  outcome: AuditOutcome;
  reason: string | null;
  orderId: string | null;
  locationId: string | null;
  subject: string | null;
  before: unknown;
  after: unknown;
  input: unknown;
  error: string | null;
}

/** Appends one row to the audit log (the audit module's store; passed to the dispatcher so the kernel holds no SQL). */
export type AuditWriter = (row: AuditRow) => Promise<void>;

interface Scope {
  note: AuditNote;
  /** Set once the row is written: late work the command left running must not change what was recorded. */
  closed: boolean;
}

const scopes = new AsyncLocalStorage<Scope>();

/**
 * Adds to the audit entry of the command being dispatched (later fields win). Outside a command —
 * a job, a loop, the engine acting on its own — there is no entry and this does nothing.
 */
export function auditNote(note: AuditNote): void {
  const scope = scopes.getStore();
  if (!scope || scope.closed) return;
  Object.assign(scope.note, note);
}

/** Runs `work` in a fresh audit scope; `settled` receives what the work noted, after it settled either way. */
export async function withAuditScope<T>(work: () => Promise<T>): Promise<{ note: AuditNote; result: PromiseSettledResult<T> }> {
  const scope: Scope = { note: {}, closed: false };
  const result = await scopes.run(scope, async (): Promise<PromiseSettledResult<T>> => {
    try {
      return { status: 'fulfilled', value: await work() };
    } catch (reason) {
      return { status: 'rejected', reason };
    }
  });
  scope.closed = true;
  return { note: scope.note, result };
}

/**
 * Commands the audit log leaves out when a machine sends them: the high-volume traffic of
 * integrations, which has its own record — orders in the inbox and on their timeline, stock in the
 * ledger (`stock_movements`). A person sending the same command is recorded.
 */
const MACHINE_TRAFFIC: ReadonlySet<string> = new Set([
  'orders.create',
  'inventory.snapshot',
  'inventory.deltas',
  'inventory.hold',
  'inventory.releaseHold',
]);

/** Whether a call is written to the audit log: commands (and refused queries) by people and integrators, never the engine's own. */
export function isAudited(actor: Actor, kind: 'command' | 'query', outcome: AuditOutcome): boolean {
  if (actor.role === 'system') return false;
  if (kind === 'query') return outcome === 'denied';
  return true;
}

/** The machine-traffic exception: integrators' (and the engine's) intake and stock feeds. */
export function isMachineTraffic(actor: Actor, endpoint: string): boolean {
  return (actor.role === 'integrator' || actor.role === 'system') && MACHINE_TRAFFIC.has(endpoint);
}

/**
 * Keys whose values never reach the log: passwords, secrets, tokens, API keys, hashes — by how the
 * key ends (`newPassword`, `webhookSecret`, `refreshToken`, `clientSecret`, `secrets`), so the
 * names of secrets (`secretNames`) stay readable.
 */
const SECRET_KEY = /(password|passphrase|secrets?|token|api_?key|hash)$/i;
/**
 * Top-level input fields that are secrets on one endpoint only: a pickup code proves who collects
 * an order (the word `code` elsewhere is an SKU or EAN scanned, which the log keeps).
 */
const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = { 'pickup.handover': ['code'] };
/** An input larger than this (as JSON) is kept as a summary. */
export const AUDIT_INPUT_MAX_BYTES = 8 * 1024;

/**
 * The input as the log keeps it: secrets replaced by "[redacted]", an uploaded file by its size,
 * text the database cannot store made storable, and anything larger than 8 KB as a summary
 * (its top-level keys with short values, sizes for the rest).
 */
export function redactInput(input: unknown, endpoint?: string): unknown {
  let clean = scrub(input, 0);
  const secret = endpoint ? SECRET_FIELDS[endpoint] : undefined;
  if (secret && clean && typeof clean === 'object' && !Array.isArray(clean)) {
    clean = Object.fromEntries(Object.entries(clean).map(([k, v]) => [k, secret.includes(k) ? '[redacted]' : v]));
  }
  const json = JSON.stringify(clean) ?? 'null';
  if (Buffer.byteLength(json, 'utf8') <= AUDIT_INPUT_MAX_BYTES) return clean ?? null;
  return summarise(clean, Buffer.byteLength(json, 'utf8'));
}

function scrub(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return storableText(v);
  if (v === null || typeof v !== 'object') return v;
  if (depth > 20) return '[nested too deep]';
  if (Array.isArray(v)) return v.map((x) => scrub(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const key = storableText(k);
    if (SECRET_KEY.test(k)) out[key] = '[redacted]';
    // imports.upload: the file itself is data, not who did what; its size says enough.
    else if (k === 'contentBase64' && typeof x === 'string') out[key] = `[file, ${base64Bytes(x)} bytes]`;
    else out[key] = scrub(x, depth + 1);
  }
  return out;
}

const base64Bytes = (s: string) => Math.floor((s.length * 3) / 4) - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);

function summarise(v: unknown, bytes: number): unknown {
  const summary: Record<string, unknown> = { summarised: `input of ${bytes} bytes, larger than ${AUDIT_INPUT_MAX_BYTES}` };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return summary;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (Array.isArray(x)) summary[k] = `[${x.length} items]`;
    else if (typeof x === 'string') summary[k] = x.length <= 200 ? x : `[text, ${x.length} characters]`;
    else if (x !== null && typeof x === 'object') summary[k] = `[object, ${Object.keys(x).length} keys]`;
    else summary[k] = x;
  }
  return summary;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length ? v : null);
const field = (v: unknown, key: string): unknown => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined);

/**
 * The row of one dispatched call. The order and location come from the handler's note, else from
 * the input (`orderId`, `locationId`, the `id` of an `orders.*` endpoint), else — for a command
 * that made an order (entry.submit, orders.create by a person) — from the order it answered.
 */
export function auditRowOf(c: {
  endpoint: string;
  actor: Actor;
  outcome: AuditOutcome;
  input: unknown;
  note: AuditNote;
  error?: unknown;
  output?: unknown;
}): AuditRow {
  const orderId =
    str(c.note.orderId) ??
    str(field(c.input, 'orderId')) ??
    (c.endpoint.startsWith('orders.') ? str(field(c.input, 'id')) : null) ??
    str(field(field(c.output, 'order'), 'id'));
  return {
    userId: c.actor.id,
    userName: c.actor.name,
    role: c.actor.role,
    sessionId: c.actor.session ?? null,
    action: c.endpoint,
    outcome: c.outcome,
    reason: str(field(c.input, 'reason')) ? storableText(String(field(c.input, 'reason'))).slice(0, 2000) : null,
    orderId: orderId ? storableText(orderId).slice(0, 200) : null,
    locationId:
      str(c.note.locationId) ??
      (str(field(c.input, 'locationId')) ? storableText(String(field(c.input, 'locationId'))).slice(0, 200) : null),
    subject: c.note.subject ?? null,
    before: c.note.before === undefined ? null : redactInput(c.note.before),
    after: c.note.after === undefined ? null : redactInput(c.note.after),
    input: redactInput(c.input, c.endpoint),
    error: c.error === undefined ? null : storableText(c.error instanceof Error ? c.error.message : String(c.error)).slice(0, 4000),
  };
}
