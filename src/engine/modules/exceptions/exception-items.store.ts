import type { Tx } from '../../db/data-source';
import {
  EXCEPTION_SLA_MINUTES,
  parseReasons,
  REASON_CODES,
  reasonText,
  type ExceptionItem,
  type ExceptionKind,
  type ExceptionListQuery,
  type ExceptionPage,
  type ReasonCode,
} from '../../../shared';
import { inboxExceptionItemsSql } from '../channels/inbox-exceptions.store';
import { messageExceptionItemsSql } from '../notify/message-exceptions.store';
import { lateExceptionItemsSql, orderNumberSql, unroutableExceptionItemsSql } from '../orders/order-exceptions.store';
import { printExceptionItemsSql } from '../printing/print-exceptions.store';
import { reviewExceptionItemsSql } from '../returns/review-exceptions.store';
import { alertExceptionItemsSql } from '../shipping/alert-exceptions.store';
import { rejectionExceptionItemsSql } from '../sourcing/rejection-exceptions.store';

/**
 * Each kind's part, as its module writes it (a SELECT of kind, ref_id, order_id, since, reason_text,
 * reason_code, reason_params, detail). `asOf` is the statement's clock.
 */
const PARTS: Record<ExceptionKind, (asOf: string) => string> = {
  intake_quarantine: inboxExceptionItemsSql,
  unroutable: unroutableExceptionItemsSql,
  store_rejection: rejectionExceptionItemsSql,
  carrier_exception: alertExceptionItemsSql,
  late_order: lateExceptionItemsSql,
  failed_notification: messageExceptionItemsSql,
  return_review: reviewExceptionItemsSql,
  print_failure: printExceptionItemsSql,
};

/**
 * Every item that needs a person. One order is one item: a store's rejection says more than
 * "unroutable" about the same order, and an order late for another listed reason is that item.
 */
const itemsCte = (kinds: readonly ExceptionKind[]) => `
  raw AS (${kinds.map((k) => `(${PARTS[k]('(SELECT as_of FROM clock)')})`).join(' UNION ALL ')}),
  items AS (
    SELECT * FROM raw r
    WHERE NOT (r.kind = 'unroutable' AND r.order_id IN (SELECT order_id FROM raw WHERE kind = 'store_rejection'))
      AND NOT (r.kind = 'late_order' AND r.order_id IN (SELECT order_id FROM raw WHERE kind <> 'late_order' AND order_id IS NOT NULL))
  )`;

interface ItemSql {
  as_of: Date;
  counts: Record<string, number>;
  total: number;
  kind: ExceptionKind | null;
  ref_id: string;
  order_id: string | null;
  order_number: string | null;
  since: Date;
  sla_due: Date;
  reason_text: string | null;
  reason_code: string | null;
  reason_params: Record<string, unknown> | null;
  detail: Record<string, string | number | null> | null;
  user_id: string | null;
  user_name: string | null;
  taken_at: Date | null;
}

const KINDS = Object.keys(PARTS) as ExceptionKind[];
const isCode = (c: string): c is ReasonCode => (REASON_CODES as readonly string[]).includes(c);
// Parameters that are times arrive as Postgres writes them in JSON; the desk reads ISO.
const param = (v: unknown): string => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v).toISOString() : String(v ?? ''));

function reasonOf(r: Pick<ItemSql, 'reason_code' | 'reason_params' | 'reason_text'>): Pick<ExceptionItem, 'reason' | 'reasonCodes'> {
  if (r.reason_code && isCode(r.reason_code)) {
    const params = Object.fromEntries(Object.entries(r.reason_params ?? {}).map(([k, v]) => [k, param(v)]));
    return { reason: reasonText(r.reason_code, params), reasonCodes: [{ code: r.reason_code, params }] };
  }
  const text = r.reason_text ?? '';
  return { reason: text, reasonCodes: parseReasons(text) ?? [] };
}

/** The page of items the query asks for, most overdue first, with per-kind counts under the owner filter. */
export async function listExceptionItems(m: Tx, q: ExceptionListQuery, userId: string): Promise<ExceptionPage> {
  const rows: ItemSql[] = await m.query(
    `WITH clock AS (SELECT now() AS as_of), ${itemsCte(KINDS)},
     scoped AS (
       SELECT i.*, c.user_id, c.user_name, c.taken_at,
              i.since + make_interval(mins => ($1::jsonb ->> i.kind)::int) AS sla_due
       FROM items i LEFT JOIN exception_claims c ON c.kind = i.kind AND c.ref_id = i.ref_id
       WHERE $2 = 'all' OR ($2 = 'mine' AND c.user_id = $3) OR ($2 = 'nobody' AND c.user_id IS NULL)
     ),
     counts AS (SELECT coalesce(jsonb_object_agg(kind, n), '{}'::jsonb) AS counts FROM (SELECT kind, count(*)::int AS n FROM scoped GROUP BY kind) k),
     filtered AS (SELECT * FROM scoped WHERE $4::text[] IS NULL OR kind = ANY($4::text[])),
     page AS (SELECT * FROM filtered ORDER BY sla_due, since, kind, ref_id LIMIT $5 OFFSET $6)
     SELECT clock.as_of, counts.counts, (SELECT count(*)::int FROM filtered) AS total, page.*, ${orderNumberSql('page.order_id')}::text AS order_number
     FROM clock CROSS JOIN counts LEFT JOIN page ON true
     ORDER BY page.sla_due, page.since, page.kind, page.ref_id`,
    [JSON.stringify(EXCEPTION_SLA_MINUTES), q.owner, userId, q.kinds?.length ? q.kinds : null, q.pageSize, q.page * q.pageSize],
  );
  const head = rows[0]!;
  return {
    asOf: head.as_of.toISOString(),
    counts: head.counts,
    total: head.total,
    rows: rows
      .filter((r) => r.kind !== null)
      .map((r) => ({
        kind: r.kind!,
        refId: r.ref_id,
        orderId: r.order_id,
        orderNumber: r.order_number === null ? null : Number(r.order_number),
        ...reasonOf(r),
        since: r.since.toISOString(),
        slaDueAt: r.sla_due.toISOString(),
        owner: r.user_id ? { userId: r.user_id, name: r.user_name!, takenAt: r.taken_at!.toISOString() } : null,
        detail: r.detail ?? {},
      })),
  };
}

/** Whether an item still needs a person (its module still lists it); its order, if it has one. */
export async function findExceptionItem(m: Tx, kind: ExceptionKind, refId: string): Promise<{ orderId: string | null } | null> {
  const rows: { order_id: string | null }[] = await m.query(
    `WITH clock AS (SELECT now() AS as_of) SELECT order_id FROM (${PARTS[kind]('(SELECT as_of FROM clock)')}) p WHERE p.ref_id = $1 LIMIT 1`,
    [refId],
  );
  return rows[0] ? { orderId: rows[0].order_id } : null;
}
