import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared';
import type { Engine } from '../engine';
import { requireKey } from './request-auth';

/** JSON snapshots are parsed whole, so they stay bounded; CSV streams (the engine caps it at 1 GiB). */
const JSON_SNAPSHOT_LIMIT = 256 * 1024 * 1024;

/**
 * The inventory feeds of POS/WMS/ERP systems, for integrators:
 * - `POST /api/v1/inventory/snapshots?source=pos` with a `text/csv` body (header `location_id,sku,on_hand`, optionally `,bin`)
 *   (optional `&seq=N`: a snapshot older than what the source already sent for a location skips it)
 *   or JSON `{ "source": "pos", "seq"?, "rows": [{ "locationId", "sku", "onHand" }] }` — a full count, applied all or nothing;
 *   answers what it corrected (the reconciliation report is `inventory.reconciliation`).
 * - `POST /api/v1/inventory/deltas` with JSON `{ "source": "pos", "events": [{ "locationId", "sku", "seq", "onHand" | "adjust" }] }`;
 *   events at or below the last sequence applied for their source and location are ignored (reported as stale).
 * A CSV body is never held in memory: it streams from the socket into COPY (`engine.feeds`), with
 * the same checks as the contract's `inventory.snapshot`. JSON and deltas go through the contract.
 * Each needs an API key with the scope `inventory.feeds` (checked before a byte of the body is read)
 * and runs as that key's integrator, so the audit log names the system that sent the feed.
 */
export async function registerInventoryRoutes(app: FastifyInstance, engine: Engine): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', requireKey(engine, 'inventory.feeds'));
    // The raw request stream: the handler passes it on without reading it.
    scope.addContentTypeParser(['text/csv', 'text/plain'], (_req, payload, done) => done(null, { stream: payload }));

    scope.post<{ Querystring: { source?: string; seq?: string } }>(
      '/api/v1/inventory/snapshots',
      { bodyLimit: JSON_SNAPSHOT_LIMIT },
      async (req) => {
        const body: unknown = req.body;
        if (body && typeof body === 'object' && 'stream' in body) {
          const source = req.query.source ?? (req.headers['x-inventory-source'] as string | undefined);
          if (!source)
            throw new AppError('VALIDATION_FAILED', 'Name the feed: add ?source=<system> (e.g. ?source=pos) to the URL', [
              { path: 'source', message: 'required with a CSV body' },
            ]);
          const seq = req.query.seq === undefined ? undefined : Number(req.query.seq);
          return engine.feeds.snapshotCsv({ source, seq, body: (body as { stream: AsyncIterable<Buffer> }).stream }, req.actor!);
        }
        if (body && typeof body === 'object' && !Array.isArray(body)) {
          return engine.dispatch('inventory.snapshot', { source: req.query.source, ...(body as object), format: 'json' }, req.actor!);
        }
        throw new AppError(
          'VALIDATION_FAILED',
          'Send the snapshot as text/csv (header location_id,sku,on_hand, optionally ,bin) or as JSON { "source", "rows": [...] }',
          [{ path: '(body)', message: 'missing or unsupported body' }],
        );
      },
    );

    scope.post('/api/v1/inventory/deltas', { bodyLimit: 16 * 1024 * 1024 }, async (req) =>
      engine.dispatch('inventory.deltas', req.body ?? {}, req.actor!),
    );
  });
}
