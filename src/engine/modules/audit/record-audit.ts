import type { Db } from '../../db/data-source';

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
}

/** Appends one entry to the audit log. (Stub: the audit work fills it in.) */
export async function recordAudit(_ds: Db, _entry: AuditRecord): Promise<void> {}
