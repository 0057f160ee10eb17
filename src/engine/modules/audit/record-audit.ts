import type { Db } from '../../db/data-source';
import { redactInput, type AuditWriter } from '../../kernel/audit';
import { storableText } from '../../../shared';
import { appendAudit } from './audit.store';

/** One entry of the audit log written outside a contract command (sign-in, sign-out, setup, failed sign-in). */
export interface AuditRecord {
  userId: string;
  userName: string;
  role: string;
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  reason?: string | null;
  subject?: string | null;
  error?: string | null;
  /** Where from (ip, user agent, via), kept as the entry's input. */
  input?: unknown;
  /** The session opened or ended (its id, never its token). */
  sessionId?: string | null;
}

/**
 * Appends one entry to the audit log. Unlike the dispatcher's write, a failure here is the
 * caller's to handle (throws): a sign-in that cannot be recorded may be refused.
 */
export async function recordAudit(ds: Db, entry: AuditRecord): Promise<void> {
  const text = (s: string | null | undefined) => (s == null ? null : storableText(s));
  await appendAudit(ds, {
    userId: storableText(entry.userId),
    userName: storableText(entry.userName),
    role: entry.role,
    sessionId: entry.sessionId ?? null,
    action: entry.action,
    outcome: entry.outcome,
    reason: text(entry.reason),
    orderId: null,
    locationId: null,
    subject: text(entry.subject),
    before: null,
    after: null,
    input: entry.input === undefined ? null : redactInput(entry.input),
    error: text(entry.error),
  });
}

/** What the dispatcher appends its rows with (start-engine passes it to createDispatcher). */
export const auditLogWriter =
  (ds: Db): AuditWriter =>
  (row) =>
    appendAudit(ds, row);
