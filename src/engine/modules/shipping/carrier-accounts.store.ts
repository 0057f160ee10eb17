import type { CarrierKind } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { mergeSecrets, type SecretBox } from '../../adapters/crypto/secret-box';

/**
 * Carrier accounts in SQL (table `carrier_accounts`). Secrets are sealed with the engine's secret
 * box (the same AES-256-GCM box as channel secrets), stored as one blob with the key's id beside it,
 * and opened only for the adapter that calls the carrier: nothing here ever returns their values,
 * only their names.
 */

/** An account row as stored: secrets still sealed. */
export interface StoredCarrierAccount {
  id: string;
  kind: CarrierKind;
  name: string;
  enabled: boolean;
  settings: Record<string, string>;
  secrets: Buffer | null;
  secretsKeyId: string | null;
  updatedAt: Date;
}

interface Row {
  id: string;
  kind: CarrierKind;
  name: string;
  enabled: boolean;
  settings: Record<string, string>;
  secrets: Buffer | null;
  secrets_key_id: string | null;
  updated_at: Date;
}

const COLS = 'id, kind, name, enabled, settings, secrets, secrets_key_id, updated_at';
const toStored = (r: Row): StoredCarrierAccount => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  enabled: r.enabled,
  settings: r.settings ?? {},
  secrets: r.secrets,
  secretsKeyId: r.secrets_key_id,
  updatedAt: r.updated_at,
});

/** One account, or null. `lock` holds its row to the end of the transaction (secret rotation, saves). */
export async function getCarrierAccount(m: Tx, id: string, opts: { lock?: boolean } = {}): Promise<StoredCarrierAccount | null> {
  const rows: Row[] = await m.query(`SELECT ${COLS} FROM carrier_accounts WHERE id = $1 ${opts.lock ? 'FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toStored(rows[0]) : null;
}

/** Every account (or only the enabled ones), by name. */
export async function listCarrierAccounts(m: Tx, opts: { enabledOnly?: boolean } = {}): Promise<StoredCarrierAccount[]> {
  const rows: Row[] = await m.query(`SELECT ${COLS} FROM carrier_accounts WHERE NOT $1::boolean OR enabled ORDER BY name, id`, [
    opts.enabledOnly ?? false,
  ]);
  return rows.map(toStored);
}

/** Whether any account is enabled (packing plans carrier shipments only then). */
export async function anyEnabledCarrier(m: Tx): Promise<boolean> {
  const rows: { ok: boolean }[] = await m.query(`SELECT EXISTS (SELECT 1 FROM carrier_accounts WHERE enabled) AS ok`);
  return rows[0]?.ok ?? false;
}

/** The names of the secrets a stored account holds (opened with the box; the values go nowhere). */
export function secretNames(box: SecretBox, s: Pick<StoredCarrierAccount, 'secrets' | 'secretsKeyId'>): string[] {
  return s.secrets ? Object.keys(box.open(s.secrets, s.secretsKeyId)).sort() : [];
}

/** The opened secrets of a stored account (for the adapter only). */
export function openSecrets(box: SecretBox, s: Pick<StoredCarrierAccount, 'secrets' | 'secretsKeyId'>): Record<string, string> {
  return s.secrets ? box.open(s.secrets, s.secretsKeyId) : {};
}

/**
 * Inserts or updates an account. `secrets` absent keeps the stored ones; present, it is merged
 * ({@link mergeSecrets}) into them under the row's lock and sealed again. The caller checked that
 * the kind of an existing account does not change.
 */
export async function saveCarrierAccount(
  m: Tx,
  box: SecretBox,
  a: {
    id: string;
    kind: CarrierKind;
    name: string;
    enabled: boolean;
    settings: Record<string, string>;
    secrets?: Record<string, string>;
  },
): Promise<StoredCarrierAccount> {
  const current = await getCarrierAccount(m, a.id, { lock: true });
  let sealed: Buffer | null = current?.secrets ?? null;
  let keyId: string | null = current?.secretsKeyId ?? null;
  if (a.secrets) {
    const merged = mergeSecrets(current ? openSecrets(box, current) : {}, a.secrets);
    sealed = Object.keys(merged).length ? box.seal(merged) : null;
    keyId = sealed ? box.keyId : null;
  }
  const rows: Row[] = await m.query(
    `INSERT INTO carrier_accounts (id, kind, name, enabled, settings, secrets, secrets_key_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, enabled = EXCLUDED.enabled, settings = EXCLUDED.settings,
       secrets = EXCLUDED.secrets, secrets_key_id = EXCLUDED.secrets_key_id, updated_at = now()
     RETURNING ${COLS}`,
    [a.id, a.kind, a.name, a.enabled, a.settings, sealed, keyId],
  );
  return toStored(rows[0]!);
}

/** Merges rotated secrets (an OAuth token the carrier refreshed) into the stored ones, under the row's lock. */
export async function rotateCarrierSecrets(m: Tx, box: SecretBox, id: string, update: Readonly<Record<string, string>>): Promise<void> {
  const current = await getCarrierAccount(m, id, { lock: true });
  if (!current) return;
  const merged = mergeSecrets(openSecrets(box, current), update);
  await m.query(`UPDATE carrier_accounts SET secrets = $2, secrets_key_id = $3, updated_at = now() WHERE id = $1`, [
    id,
    Object.keys(merged).length ? box.seal(merged) : null,
    Object.keys(merged).length ? box.keyId : null,
  ]);
}
