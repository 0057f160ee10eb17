import { randomUUID } from 'node:crypto';
import { AppError, type DocType, type Printer, type PrinterState, type PrintRoute, type Station } from '../../../shared';
import type { PrinterTarget } from '../../ports/printer.port';
import type { Tx } from '../../db/data-source';
import { isUuid } from './print-policy';

/**
 * Print stations, their printers and routes (tables of migration 0019). Every change writes a
 * `printers.changed` outbox row in the same statement, so desks hear only committed changes.
 */

/** The outbox row of a printers.changed event, over a row source `src` with `station_id` and `printer_id`. */
export const printersChangedSql = (src: string) =>
  `INSERT INTO engine_events (payload) SELECT jsonb_build_object('type', 'printers.changed', 'stationId', ${src}.station_id,
     'printerId', ${src}.printer_id::text, 'at', atalaya_iso(clock_timestamp())) FROM ${src}`;

export interface PrinterRow {
  id: string;
  station_id: string;
  name: string;
  transport: Printer['transport'];
  address: string;
  language: Printer['language'];
  dpi: 203 | 300 | null;
  paper: Printer['paper'];
  active: boolean;
  removed: boolean;
  health_state: PrinterState;
  health_detail: string | null;
  health_checked_at: Date | null;
}

const PRINTER_COLUMNS = `id::text, station_id, name, transport, address, language, dpi, paper, active, removed, health_state, health_detail, health_checked_at`;

export function toPrinter(r: PrinterRow): Printer {
  return {
    id: r.id,
    stationId: r.station_id,
    name: r.name,
    transport: r.transport,
    address: r.address,
    language: r.language,
    dpi: r.dpi,
    paper: r.paper,
    active: r.active,
    health: { state: r.health_state, detail: r.health_detail, checkedAt: r.health_checked_at?.toISOString() ?? null },
  };
}

/** The part of a printer a transport needs. */
export const toTarget = (r: PrinterRow): PrinterTarget => ({
  id: r.id,
  name: r.name,
  transport: r.transport,
  address: r.address,
  language: r.language,
  dpi: r.dpi,
  paper: r.paper,
});

/** Registers this node's station (or renames it) and marks it seen now. */
export async function upsertStation(m: Tx, id: string, name: string): Promise<void> {
  await m.query(
    `INSERT INTO print_stations (id, name, last_seen_at) VALUES ($1, $2, now())
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, last_seen_at = now()`,
    [id, name],
  );
}

export async function touchStation(m: Tx, id: string): Promise<void> {
  await m.query(`UPDATE print_stations SET last_seen_at = now() WHERE id = $1`, [id]);
}

/** A station's name, or NOT_FOUND naming the field. */
export async function stationNameOf(m: Tx, id: string, path = 'stationId'): Promise<string> {
  const r: { name: string }[] = await m.query(`SELECT name FROM print_stations WHERE id = $1`, [id]);
  if (!r[0])
    throw new AppError('NOT_FOUND', `No print station ${id}: each engine registers its own when it starts`, [
      { path, message: 'pick a station from the Printers list' },
    ]);
  return r[0].name;
}

/** Every station with its printers (not removed) and routes; `currentId` is the asking engine's. */
export async function listStations(m: Tx, currentId: string): Promise<Station[]> {
  const [stations, printers, routes] = await Promise.all([
    m.query(`SELECT id, name, last_seen_at FROM print_stations ORDER BY name, id`) as Promise<
      { id: string; name: string; last_seen_at: Date | null }[]
    >,
    m.query(`SELECT ${PRINTER_COLUMNS} FROM printers WHERE NOT removed ORDER BY lower(name)`) as Promise<PrinterRow[]>,
    listRoutes(m, null),
  ]);
  return stations.map((s) => ({
    id: s.id,
    name: s.name,
    current: s.id === currentId,
    lastSeenAt: s.last_seen_at?.toISOString() ?? null,
    printers: printers.filter((p) => p.station_id === s.id).map(toPrinter),
    routes: routes.filter((r) => r.stationId === s.id),
  }));
}

/** One printer (removed ones too when asked), or NOT_FOUND. */
export async function getPrinter(m: Tx, id: string, opts: { removed?: boolean; path?: string; lock?: boolean } = {}): Promise<PrinterRow> {
  if (!isUuid(id))
    throw new AppError('NOT_FOUND', `No printer ${id}`, [{ path: opts.path ?? 'id', message: 'pick a printer from the Printers list' }]);
  const r: PrinterRow[] = await m.query(
    `SELECT ${PRINTER_COLUMNS} FROM printers WHERE id = $1::uuid ${opts.removed ? '' : 'AND NOT removed'} ${opts.lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  if (!r[0])
    throw new AppError('NOT_FOUND', `No printer ${id}`, [{ path: opts.path ?? 'id', message: 'pick a printer from the Printers list' }]);
  return r[0];
}

/** The active printers of a station (what its health checker asks). */
export async function stationPrinters(m: Tx, stationId: string): Promise<PrinterRow[]> {
  return m.query(`SELECT ${PRINTER_COLUMNS} FROM printers WHERE station_id = $1 AND NOT removed AND active ORDER BY id`, [stationId]);
}

export interface PrinterFields {
  stationId: string;
  name: string;
  transport: Printer['transport'];
  address: string;
  language: Printer['language'];
  dpi: 203 | 300 | null;
  paper: Printer['paper'];
  active: boolean;
}

/** Adds a printer (id absent) or edits one; a name already used at the station is refused. */
export async function savePrinterRow(m: Tx, id: string | undefined, f: PrinterFields): Promise<PrinterRow> {
  const clash: { id: string }[] = await m.query(
    `SELECT id::text FROM printers WHERE station_id = $1 AND lower(name) = lower($2) AND NOT removed AND id::text <> $3`,
    [f.stationId, f.name, id ?? ''],
  );
  if (clash[0])
    throw new AppError('VALIDATION_FAILED', `A printer called ${f.name} is already at this station`, [
      { path: 'name', message: 'give it another name' },
    ]);
  const rows: PrinterRow[] = id
    ? await m.query(
        // The station stays (the handler refuses a move); a new address or transport is a printer not yet asked.
        `WITH p AS (UPDATE printers SET name = $2, transport = $3, address = $4, language = $5, dpi = $6, paper = $7, active = $8,
           updated_at = now(),
           health_state = CASE WHEN (transport, address) IS DISTINCT FROM ($3::text, $4::text) THEN 'unknown' ELSE health_state END,
           health_checked_at = CASE WHEN (transport, address) IS DISTINCT FROM ($3::text, $4::text) THEN NULL ELSE health_checked_at END
           WHERE id = $1::uuid AND NOT removed RETURNING *),
         pc AS (SELECT station_id, id AS printer_id FROM p),
         ev AS (${printersChangedSql('pc')})
         SELECT ${PRINTER_COLUMNS} FROM p`,
        [id, f.name, f.transport, f.address, f.language, f.dpi, f.paper, f.active],
      )
    : await m.query(
        `WITH p AS (INSERT INTO printers (id, station_id, name, transport, address, language, dpi, paper, active)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *),
         pc AS (SELECT station_id, id AS printer_id FROM p),
         ev AS (${printersChangedSql('pc')})
         SELECT ${PRINTER_COLUMNS} FROM p`,
        [randomUUID(), f.stationId, f.name, f.transport, f.address, f.language, f.dpi, f.paper, f.active],
      );
  if (!rows[0]) throw new AppError('NOT_FOUND', `No printer ${id}`, [{ path: 'id', message: 'leave id out to add a new printer' }]);
  return rows[0];
}

/**
 * Removes a printer (kept for the jobs that name it, out of every list): off, its routes gone,
 * and no longer anyone's fallback.
 */
export async function removePrinterRow(m: Tx, id: string): Promise<PrinterRow> {
  const p = await getPrinter(m, id, { lock: true });
  await m.query(`DELETE FROM print_routes WHERE printer_id = $1::uuid`, [id]);
  await m.query(`UPDATE print_routes SET fallback_printer_id = NULL WHERE fallback_printer_id = $1::uuid`, [id]);
  await m.query(
    `WITH p AS (UPDATE printers SET removed = true, active = false, updated_at = now() WHERE id = $1::uuid RETURNING station_id, id AS printer_id)
     ${printersChangedSql('p')}`,
    [id],
  );
  return p;
}

interface RouteRow {
  station_id: string;
  doc_type: DocType;
  printer_id: string;
  fallback_printer_id: string | null;
  strict: boolean;
}

/** The routes of one station (or of all, with null). */
export async function listRoutes(m: Tx, stationId: string | null): Promise<PrintRoute[]> {
  const rows: RouteRow[] = await m.query(
    `SELECT station_id, doc_type, printer_id::text, fallback_printer_id::text, strict FROM print_routes
     WHERE $1::text IS NULL OR station_id = $1 ORDER BY station_id, doc_type`,
    [stationId],
  );
  return rows.map((r) => ({
    stationId: r.station_id,
    docType: r.doc_type,
    printerId: r.printer_id,
    fallbackPrinterId: r.fallback_printer_id,
    strict: r.strict,
  }));
}

/** Sets (or, with printerId null, removes) where a station prints one document type. */
export async function writeRoute(
  m: Tx,
  r: { stationId: string; docType: DocType; printerId: string | null; fallbackPrinterId: string | null; strict: boolean },
): Promise<void> {
  if (r.printerId === null) {
    await m.query(
      `WITH d AS (DELETE FROM print_routes WHERE station_id = $1 AND doc_type = $2 RETURNING station_id, NULL::uuid AS printer_id)
       ${printersChangedSql('d')}`,
      [r.stationId, r.docType],
    );
    return;
  }
  await m.query(
    `WITH u AS (INSERT INTO print_routes (station_id, doc_type, printer_id, fallback_printer_id, strict) VALUES ($1, $2, $3::uuid, $4::uuid, $5)
       ON CONFLICT (station_id, doc_type) DO UPDATE SET printer_id = EXCLUDED.printer_id,
         fallback_printer_id = EXCLUDED.fallback_printer_id, strict = EXCLUDED.strict
       RETURNING station_id, printer_id)
     ${printersChangedSql('u')}`,
    [r.stationId, r.docType, r.printerId, r.fallbackPrinterId, r.strict],
  );
}

/**
 * Stores what a printer said about itself; a change of state is a printers.changed event.
 * Returns the state it had before.
 */
export async function recordHealth(m: Tx, id: string, state: PrinterState, detail: string | null): Promise<PrinterState | null> {
  const r: { before: PrinterState }[] = await m.query(
    `WITH old AS (SELECT id, station_id, health_state FROM printers WHERE id = $1::uuid),
     upd AS (UPDATE printers p SET health_state = $2, health_detail = $3, health_checked_at = now() FROM old WHERE p.id = old.id RETURNING p.id),
     ch AS (SELECT old.station_id, old.id AS printer_id FROM old, upd WHERE old.health_state IS DISTINCT FROM $2),
     ev AS (${printersChangedSql('ch')})
     SELECT old.health_state AS before FROM old`,
    [id, state, detail],
  );
  return r[0]?.before ?? null;
}
