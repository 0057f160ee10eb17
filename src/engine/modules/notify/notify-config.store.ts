import {
  CustomerPreferencesSchema,
  NotificationSettingsSchema,
  type CustomerPreferences,
  type NotificationChannel,
  type NotificationEvent,
  type NotificationSettings,
} from '../../../shared';
import type { Tx } from '../../db/data-source';
import { mergeSecrets, type SecretBox } from '../../adapters/crypto/secret-box';

/**
 * What notifications are configured with, in SQL: the settings (one row; defaults until someone
 * saves), each channel's provider (settings, and secrets sealed with the engine's secret box — never
 * returned, only their names), and customers' contact preferences.
 */

export async function readNotificationSettings(m: Tx): Promise<NotificationSettings> {
  const rows: { settings: unknown }[] = await m.query(`SELECT settings FROM notification_settings WHERE id`);
  // Stored settings are parsed again: a field added since they were saved takes its default.
  return NotificationSettingsSchema.parse(rows[0]?.settings ?? {});
}

export async function writeNotificationSettings(m: Tx, s: NotificationSettings, by: string): Promise<NotificationSettings> {
  const rows: { settings: unknown }[] = await m.query(`SELECT settings FROM notification_settings WHERE id FOR UPDATE`);
  await m.query(
    `INSERT INTO notification_settings (id, settings, updated_by) VALUES (true, $1, $2)
     ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [s, by],
  );
  return NotificationSettingsSchema.parse(rows[0]?.settings ?? {});
}

export interface StoredProvider {
  channel: NotificationChannel;
  enabled: boolean;
  settings: Record<string, unknown>;
  secrets: Buffer | null;
  secretsKeyId: string | null;
  updatedAt: Date;
}

interface ProviderRow {
  channel: NotificationChannel;
  enabled: boolean;
  settings: Record<string, unknown>;
  secrets: Buffer | null;
  secrets_key_id: string | null;
  updated_at: Date;
}

const toProvider = (r: ProviderRow): StoredProvider => ({
  channel: r.channel,
  enabled: r.enabled,
  settings: r.settings ?? {},
  secrets: r.secrets,
  secretsKeyId: r.secrets_key_id,
  updatedAt: r.updated_at,
});

export async function listProviders(m: Tx): Promise<StoredProvider[]> {
  const rows: ProviderRow[] = await m.query(
    `SELECT channel, enabled, settings, secrets, secrets_key_id, updated_at FROM notification_providers ORDER BY channel`,
  );
  return rows.map(toProvider);
}

/**
 * Saves a channel's provider. `secrets` absent keeps the stored ones; present, it is merged into
 * them (an empty value removes one) under the row's lock and sealed again.
 */
export async function saveProvider(
  m: Tx,
  box: SecretBox,
  p: { channel: NotificationChannel; enabled: boolean; settings: Record<string, unknown>; secrets?: Record<string, string> },
  by: string,
): Promise<StoredProvider> {
  const current: ProviderRow[] = await m.query(
    `SELECT channel, enabled, settings, secrets, secrets_key_id, updated_at FROM notification_providers WHERE channel = $1 FOR UPDATE`,
    [p.channel],
  );
  let sealed = current[0]?.secrets ?? null;
  let keyId = current[0]?.secrets_key_id ?? null;
  if (p.secrets) {
    const merged = mergeSecrets(sealed ? box.open(sealed, keyId) : {}, p.secrets);
    sealed = Object.keys(merged).length ? box.seal(merged) : null;
    keyId = sealed ? box.keyId : null;
  }
  const rows: ProviderRow[] = await m.query(
    `INSERT INTO notification_providers (channel, enabled, settings, secrets, secrets_key_id, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (channel) DO UPDATE SET enabled = EXCLUDED.enabled, settings = EXCLUDED.settings, secrets = EXCLUDED.secrets,
       secrets_key_id = EXCLUDED.secrets_key_id, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING channel, enabled, settings, secrets, secrets_key_id, updated_at`,
    [p.channel, p.enabled, p.settings, sealed, keyId, by],
  );
  return toProvider(rows[0]!);
}

interface PreferencesRow {
  customer_key: string;
  channels: string[];
  opted_out: string[];
  locale: string | null;
  time_zone: string | null;
  quiet_from: number | null;
  quiet_to: number | null;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** The key a customer's preferences are kept under: the e-mail in lower case, else the phone as given. */
export const customerKeyOf = (customer: { email?: string | null; phone?: string | null }): string | null =>
  customer.email?.trim().toLowerCase() || customer.phone?.trim() || null;

const toPreferences = (r: PreferencesRow): CustomerPreferences =>
  CustomerPreferencesSchema.parse({
    customerKey: r.customer_key,
    channels: r.channels,
    optedOut: r.opted_out,
    locale: r.locale,
    timeZone: r.time_zone,
    quietHours: r.quiet_from !== null && r.quiet_to !== null ? { from: hhmm(r.quiet_from), to: hhmm(r.quiet_to) } : null,
  });

/** The preferences of these customers (absent: none saved). */
export async function readPreferences(m: Tx, keys: readonly string[]): Promise<Map<string, CustomerPreferences>> {
  if (!keys.length) return new Map();
  const rows: PreferencesRow[] = await m.query(
    `SELECT customer_key, channels, opted_out, locale, time_zone, quiet_from, quiet_to FROM notification_preferences WHERE customer_key = ANY($1::text[])`,
    [[...new Set(keys.map((k) => k.toLowerCase()))]],
  );
  return new Map(rows.map((r) => [r.customer_key, toPreferences(r)]));
}

export async function savePreferences(m: Tx, p: CustomerPreferences, by: string): Promise<CustomerPreferences> {
  const rows: PreferencesRow[] = await m.query(
    `INSERT INTO notification_preferences (customer_key, channels, opted_out, locale, time_zone, quiet_from, quiet_to, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (customer_key) DO UPDATE SET channels = EXCLUDED.channels, opted_out = EXCLUDED.opted_out, locale = EXCLUDED.locale,
       time_zone = EXCLUDED.time_zone, quiet_from = EXCLUDED.quiet_from, quiet_to = EXCLUDED.quiet_to, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING customer_key, channels, opted_out, locale, time_zone, quiet_from, quiet_to`,
    [
      p.customerKey.toLowerCase(),
      p.channels,
      p.optedOut,
      p.locale,
      p.timeZone,
      p.quietHours ? minutesOf(p.quietHours.from) : null,
      p.quietHours ? minutesOf(p.quietHours.to) : null,
      by,
    ],
  );
  return toPreferences(rows[0]!);
}

export interface StoredEndpoint {
  id: string;
  url: string;
  events: NotificationEvent[];
  enabled: boolean;
  disabledReason: string | null;
  secrets: Buffer | null;
  secretsKeyId: string | null;
  updatedAt: Date;
}

interface EndpointRow {
  id: string;
  url: string;
  events: NotificationEvent[];
  enabled: boolean;
  disabled_reason: string | null;
  secrets: Buffer | null;
  secrets_key_id: string | null;
  updated_at: Date;
}

const ENDPOINT_COLS = 'id, url, events, enabled, disabled_reason, secrets, secrets_key_id, updated_at';
const toEndpoint = (r: EndpointRow): StoredEndpoint => ({
  id: r.id,
  url: r.url,
  events: r.events,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  secrets: r.secrets,
  secretsKeyId: r.secrets_key_id,
  updatedAt: r.updated_at,
});

export async function listEndpoints(m: Tx, ids?: readonly string[]): Promise<StoredEndpoint[]> {
  const rows: EndpointRow[] = await m.query(
    `SELECT ${ENDPOINT_COLS} FROM webhook_endpoints WHERE ($1::text[] IS NULL OR id = ANY($1::text[])) ORDER BY id`,
    [ids ? [...ids] : null],
  );
  return rows.map(toEndpoint);
}

/** Adds or edits an endpoint; `secret` (sealed with the box) replaces the stored one when given. Saving re-enables it. */
export async function saveEndpoint(
  m: Tx,
  box: SecretBox,
  e: { id: string; url: string; events: readonly NotificationEvent[]; enabled: boolean; secret: string | null },
  by: string,
): Promise<StoredEndpoint> {
  const sealed = e.secret ? box.seal({ signingSecret: e.secret }) : null;
  const rows: EndpointRow[] = await m.query(
    `INSERT INTO webhook_endpoints (id, url, events, enabled, secrets, secrets_key_id, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, events = EXCLUDED.events, enabled = EXCLUDED.enabled, disabled_reason = NULL,
       secrets = coalesce(EXCLUDED.secrets, webhook_endpoints.secrets), secrets_key_id = coalesce(EXCLUDED.secrets_key_id, webhook_endpoints.secrets_key_id),
       updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING ${ENDPOINT_COLS}`,
    [e.id, e.url, [...e.events], e.enabled, sealed, sealed ? box.keyId : null, by],
  );
  return toEndpoint(rows[0]!);
}

/** The endpoint asked not to be called again (410 Gone): it is turned off with why, until someone saves it. */
export async function disableEndpoint(m: Tx, id: string, why: string): Promise<void> {
  await m.query(`UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, updated_at = now() WHERE id = $1`, [
    id,
    why.slice(0, 500),
  ]);
}
