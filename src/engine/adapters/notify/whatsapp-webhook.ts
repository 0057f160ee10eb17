import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * What Meta's WhatsApp Cloud API posts to the business's webhook about the messages it sent, and
 * how to tell that Meta sent it (developers.facebook.com, "Status messages webhook reference" and
 * "Create a webhook endpoint"):
 *
 * - verification: `GET <callback>?hub.mode=subscribe&hub.verify_token=<ours>&hub.challenge=<random>`,
 *   answered with the challenge as plain text when the token is ours, 403 otherwise;
 * - notifications: `POST <callback>` with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw
 *   body, keyed with the app secret>` and a body
 *   `{object: 'whatsapp_business_account', entry: [{id, changes: [{field: 'messages', value: {
 *   messaging_product, metadata, statuses: [{id: 'wamid…', status, timestamp, recipient_id,
 *   biz_opaque_callback_data?, errors?: [{code, title, message, error_data: {details}}]}]}}]}]}`.
 *
 * Statuses are sent, delivered, read and failed; a message read while its chat is open is reported
 * read without a delivered before it, and the order of webhooks is not guaranteed. Other changes
 * (inbound messages, template and account updates) arrive on the same URL and are left alone here.
 */

export const WHATSAPP_SIGNATURE_HEADER = 'x-hub-signature-256';

const hmac = (appSecret: string, rawBody: string | Uint8Array) => createHmac('sha256', appSecret).update(rawBody).digest();

/** The `X-Hub-Signature-256` value Meta sends for `rawBody` (for the tests' Meta, and a receiver's check). */
export function signWhatsAppWebhook(appSecret: string, rawBody: string | Uint8Array): string {
  return `sha256=${hmac(appSecret, rawBody).toString('hex')}`;
}

/**
 * Whether `header` is Meta's signature of `rawBody` (the bytes as received — never a re-serialised
 * object) with the app secret. Compared in constant time; never throws.
 */
export function verifyWhatsAppSignature(appSecret: string, header: string | null | undefined, rawBody: string | Uint8Array): boolean {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!m || !appSecret) return false;
  return timingSafeEqual(Buffer.from(m[1]!, 'hex'), hmac(appSecret, rawBody));
}

/** Whether the verify token Meta presents is ours, in constant time whatever the lengths. */
export function verifyTokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!expected || typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** One status of one message, as Atalaya uses it. */
export interface WhatsAppStatusUpdate {
  /** The wamid the send answered with. */
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** When it happened, by Meta's clock. */
  at: Date;
  recipientId: string | null;
  /** What the send put in `biz_opaque_callback_data` (Atalaya: the message key). */
  callbackData: string | null;
  /** Meta's errors, for a failed status ("131026 Message undeliverable: …"). */
  errors: { code: number | null; title: string | null; message: string | null; details: string | null }[];
}

const StatusSchema = z.object({
  id: z.string().trim().min(1, 'the wamid of the message').max(500),
  status: z.string().trim().min(1).max(40),
  timestamp: z.union([z.string().regex(/^\d{1,12}$/, 'Unix seconds, as a string of digits'), z.number().int().nonnegative()]),
  recipient_id: z.string().max(100).optional(),
  biz_opaque_callback_data: z.string().max(2000).optional(),
  errors: z
    .array(
      z.object({
        code: z.number().int().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.object({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

const PayloadSchema = z.object({
  object: z.literal('whatsapp_business_account', { error: 'must be "whatsapp_business_account"' }),
  entry: z.array(
    z.object({
      changes: z.array(
        z.object({
          field: z.string(),
          // Only the `messages` field's statuses are read; other fields' values are not looked into.
          value: z.unknown(),
        }),
      ),
    }),
  ),
});

const MessagesValueSchema = z.object({ statuses: z.array(StatusSchema).optional() });

const KNOWN: readonly string[] = ['sent', 'delivered', 'read', 'failed'];

export type ParsedStatuses =
  | {
      ok: true;
      statuses: WhatsAppStatusUpdate[];
      /** Statuses of kinds Atalaya does not act on ("deleted", "warning"…). */ skipped: number;
    }
  | { ok: false; path: string; message: string };

/** `entry.0.changes.1.value` → `entry[0].changes[1].value`. */
const pathOf = (prefix: string, path: readonly PropertyKey[]) =>
  path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : p ? `${p}.${String(k)}` : String(k)), prefix);

function firstIssue(prefix: string, error: z.ZodError): { ok: false; path: string; message: string } {
  const i = error.issues[0]!;
  return { ok: false, path: pathOf(prefix, i.path) || '(body)', message: i.message };
}

/**
 * The message statuses of a webhook body (already JSON-parsed), or the first field that is not as
 * Meta documents it. Changes of other fields are passed over; statuses of kinds other than sent,
 * delivered, read and failed are counted as skipped.
 */
export function parseWhatsAppStatuses(body: unknown): ParsedStatuses {
  const top = PayloadSchema.safeParse(body);
  if (!top.success) return firstIssue('', top.error);
  const statuses: WhatsAppStatusUpdate[] = [];
  let skipped = 0;
  for (const [e, entry] of top.data.entry.entries())
    for (const [c, change] of entry.changes.entries()) {
      if (change.field !== 'messages') continue;
      const value = MessagesValueSchema.safeParse(change.value);
      if (!value.success) return firstIssue(`entry[${e}].changes[${c}].value`, value.error);
      for (const s of value.data.statuses ?? []) {
        if (!KNOWN.includes(s.status)) {
          skipped += 1;
          continue;
        }
        statuses.push({
          wamid: s.id,
          status: s.status as WhatsAppStatusUpdate['status'],
          at: new Date(Number(s.timestamp) * 1000),
          recipientId: s.recipient_id ?? null,
          callbackData: s.biz_opaque_callback_data ?? null,
          errors: (s.errors ?? []).map((x) => ({
            code: x.code ?? null,
            title: x.title ?? null,
            message: x.message ?? null,
            details: x.error_data?.details ?? null,
          })),
        });
      }
    }
  return { ok: true, statuses, skipped };
}

/** Meta's words for a failed status: "131026 Message undeliverable: Unable to deliver message…". */
export function failureText(errors: WhatsAppStatusUpdate['errors']): string {
  if (!errors.length) return 'WhatsApp reported the message failed, without a reason';
  return errors
    .map((x) => {
      const head = [x.code !== null ? String(x.code) : null, x.title ?? x.message].filter(Boolean).join(' ');
      const details = x.details && x.details !== x.title && x.details !== x.message ? x.details : null;
      return details ? `${head}: ${details}` : head || 'unknown error';
    })
    .join('; ');
}
