import type { Db } from '../../db/data-source';
import { AppError, SnapshotStreamHeadSchema, type OutputOf } from '../../../shared';
import { applySnapshot } from './feeds.store';
import type { Actor } from '../../../shared';

const SNAPSHOT_HEADER = /^\uFEFF?\s*location_id\s*,\s*sku\s*,\s*on_hand\s*(,\s*bin\s*)?\r?$/i;

/**
 * A CSV snapshot's first line must be its header; anything else is refused before a row is written.
 * Says whether the snapshot carries a fourth column, `bin`.
 */
export function assertSnapshotHeader(firstLine: string): { withBin: boolean } {
  const m = SNAPSHOT_HEADER.exec(firstLine);
  if (!m) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Snapshot rejected: the first line must be the header "location_id,sku,on_hand" or "location_id,sku,on_hand,bin" (got "${firstLine.slice(0, 80)}")`,
      [{ path: 'csv', message: 'missing or wrong header line' }],
    );
  }
  return { withBin: m[1] !== undefined };
}
/** A full count of a large network is a few hundred MB of CSV at most; more is a mistake or an attack. */
export const SNAPSHOT_STREAM_LIMIT = 1024 * 1024 * 1024;

/**
 * A CSV snapshot streamed from the HTTP body straight into COPY: the same checks as the
 * `inventory.snapshot` endpoint (source, header line; the engine checks the role) without holding
 * the body in memory.
 * The first line is checked before anything is written; a body over the limit or a bad row aborts
 * the COPY, and its transaction applies nothing.
 */
export async function applySnapshotStream(
  ds: Db,
  input: { source: unknown; seq: unknown; body: AsyncIterable<Buffer | string> },
  actor: Actor,
  limit = SNAPSHOT_STREAM_LIMIT,
): Promise<OutputOf<'inventory.snapshot'>> {
  const head = SnapshotStreamHeadSchema.safeParse({ source: input.source, seq: input.seq });
  if (!head.success) {
    const issues = head.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', `Invalid snapshot: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const it = input.body[Symbol.asyncIterator]();
  // Read up to the end of the header line (or 4 KiB) before COPY starts.
  let start = Buffer.alloc(0);
  let done = false;
  while (!done && start.indexOf(0x0a) < 0 && start.length < 4096) {
    const next = await it.next();
    if (next.done) done = true;
    else start = Buffer.concat([start, Buffer.from(next.value)]);
  }
  const nl = start.indexOf(0x0a);
  const firstLine = start.subarray(0, nl < 0 ? start.length : nl).toString('utf8');
  const { withBin } = assertSnapshotHeader(firstLine);
  async function* rest(): AsyncGenerator<Buffer> {
    let seen = start.length;
    yield start;
    while (!done) {
      const next = await it.next();
      if (next.done) return;
      const chunk = Buffer.from(next.value);
      seen += chunk.length;
      if (seen > limit) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Snapshot rejected: larger than ${Math.round(limit / 1024 / 1024)} MiB; send one snapshot per location or region`,
          [{ path: 'csv', message: 'body too large' }],
        );
      }
      yield chunk;
    }
  }
  return applySnapshot(ds, { source: head.data.source, seq: head.data.seq, csv: rest(), withBin }, actor);
}
