import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../../db/data-source';
import { AppError, SourcingProfileSpecSchema, ProfileSelectorSchema, type OrderType, type SourcingProfile } from '../../../shared';
import type { Actor } from '../../../shared';
import { auditNote } from '../../kernel/audit';

interface ProfileRow {
  id: string;
  key: string;
  version: number;
  status: SourcingProfile['status'];
  name: string;
  selector: unknown;
  spec: unknown;
  created_by: string;
  created_at: Date;
  activated_at: Date | null;
}

const COLUMNS = 'id, key, version, status, name, selector, spec, created_by, created_at, activated_at';

/** Rows are parsed on the way out too: a profile written by hand in SQL that breaks the schema fails loudly, naming the field. */
function toProfile(r: ProfileRow): SourcingProfile {
  const spec = SourcingProfileSpecSchema.safeParse(r.spec);
  const selector = ProfileSelectorSchema.safeParse(r.selector);
  if (!spec.success || !selector.success) {
    const issue = (spec.error ?? selector.error)!.issues[0]!;
    throw new AppError(
      'INTERNAL',
      `Sourcing profile ${r.key} v${r.version} in the database is invalid at ${issue.path.join('.')}: ${issue.message}; save a corrected draft and activate it`,
    );
  }
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    status: r.status,
    name: r.name,
    selector: selector.data,
    spec: spec.data,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    activatedAt: r.activated_at?.toISOString() ?? null,
  };
}

/** Every draft and active version, and the five latest retired ones per key. */
export async function listProfiles(m: Tx): Promise<SourcingProfile[]> {
  const rows: ProfileRow[] = await m.query(
    `SELECT ${COLUMNS} FROM (
       SELECT *, row_number() OVER (PARTITION BY key, status = 'retired' ORDER BY version DESC) AS n FROM sourcing_profiles) p
     WHERE status <> 'retired' OR n <= 5 ORDER BY key, version DESC`,
  );
  return rows.map(toProfile);
}

export async function getProfile(m: Tx, id: string): Promise<SourcingProfile | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const rows: ProfileRow[] = await m.query(`SELECT ${COLUMNS} FROM sourcing_profiles WHERE id = $1`, [id]);
  return rows[0] ? toProfile(rows[0]) : null;
}

/**
 * Saves the draft of a profile key: edits the open draft if there is one, otherwise opens the
 * next version. One statement: the partial unique index on drafts makes two desks racing to
 * open a draft for the same key end with one draft (the loser's insert becomes an update).
 */
export async function saveDraft(
  m: Tx,
  d: { key: string; name: string; selector: unknown; spec: unknown },
  actor: Actor,
): Promise<SourcingProfile> {
  const rows: ProfileRow[] = await m.query(
    `INSERT INTO sourcing_profiles (id, key, version, status, name, selector, spec, created_by)
     SELECT $1, $2, coalesce((SELECT max(version) FROM sourcing_profiles WHERE key = $2), 0) + 1, 'draft', $3, $4, $5, $6
     ON CONFLICT (key) WHERE status = 'draft' DO UPDATE SET name = EXCLUDED.name, selector = EXCLUDED.selector, spec = EXCLUDED.spec
     RETURNING ${COLUMNS}`,
    [randomUUID(), d.key, d.name, d.selector, d.spec, actor.id],
  );
  return toProfile(rows[0]!);
}

/**
 * Activates a draft: the key's active version retires and the draft becomes active, in one
 * transaction. Only a draft can be activated (the WHERE guards it; the trigger refuses the rest).
 */
export async function activateDraft(m: Tx, id: string): Promise<SourcingProfile> {
  const target: { key: string; status: string }[] = await m.query('SELECT key, status FROM sourcing_profiles WHERE id = $1 FOR UPDATE', [
    id,
  ]);
  const t = target[0];
  if (!t) throw new AppError('NOT_FOUND', `No sourcing profile with id ${id}`);
  if (t.status !== 'draft')
    throw new AppError('ILLEGAL_TRANSITION', `This profile version is ${t.status}; only a draft can be activated (save a draft first)`);
  const retired = (await m.query(
    `UPDATE sourcing_profiles SET status = 'retired', retired_at = now() WHERE key = $1 AND status = 'active' RETURNING id, version`,
    [t.key],
  )) as [{ id: string; version: number }[], number];
  const rows = (await m.query(
    `UPDATE sourcing_profiles SET status = 'active', activated_at = now() WHERE id = $1 AND status = 'draft' RETURNING ${COLUMNS}`,
    [id],
  )) as [ProfileRow[], number];
  const activated = toProfile(rows[0][0]!);
  auditNote({
    subject: `sourcing profile ${t.key}`,
    before: { active: retired[0][0] ?? null },
    after: { active: { id: activated.id, version: activated.version } },
  });
  return activated;
}

/** The active profile for an order: the highest-priority one whose selector matches (empty lists match anything). */
export function pickProfile(active: readonly SourcingProfile[], channel: string, orderType: OrderType): SourcingProfile | null {
  let best: SourcingProfile | null = null;
  for (const p of active) {
    const s = p.selector;
    if (s.channels.length && !s.channels.includes(channel as (typeof s.channels)[number])) continue;
    if (s.orderTypes.length && !s.orderTypes.includes(orderType)) continue;
    const specificity = (x: SourcingProfile) =>
      x.selector.priority * 4 + (x.selector.channels.length ? 2 : 0) + (x.selector.orderTypes.length ? 1 : 0);
    if (!best || specificity(p) > specificity(best) || (specificity(p) === specificity(best) && p.key < best.key)) best = p;
  }
  return best;
}

const activeCache = new WeakMap<Db, { at: number; profiles: Promise<SourcingProfile[]> }>();
/** Active profiles change rarely; every engine re-reads them at most once a second. */
const ACTIVE_TTL_MS = 1000;

export function activeProfiles(ds: Db): Promise<SourcingProfile[]> {
  const hit = activeCache.get(ds);
  if (hit && Date.now() - hit.at < ACTIVE_TTL_MS) return hit.profiles;
  const profiles = ds.manager
    .query(`SELECT ${COLUMNS} FROM sourcing_profiles WHERE status = 'active' ORDER BY key`)
    .then((rows: ProfileRow[]) => rows.map(toProfile));
  activeCache.set(ds, { at: Date.now(), profiles });
  profiles.catch(() => activeCache.delete(ds));
  return profiles;
}

/** Forget the cached active profiles (after an activation in this engine). */
export function forgetActiveProfiles(ds: Db): void {
  activeCache.delete(ds);
}
