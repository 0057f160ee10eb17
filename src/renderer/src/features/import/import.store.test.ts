import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../../shared';
import { RESYNC } from '../../api/desk-client';
import { fakeDesk } from '../../test-support/fake-desk';
import { applyProgress, createImportStore, toBase64 } from './import.store';

const summary = (over: Partial<ImportSummary> = {}): ImportSummary => ({
  id: 'i1',
  fileName: 'a.csv',
  format: 'csv',
  source: 'desk',
  sizeBytes: 10,
  sha256: 'x',
  status: 'queued',
  progress: 0,
  rowsRead: 0,
  imported: 0,
  duplicates: 0,
  failed: 0,
  error: null,
  createdBy: 'Paula',
  createdAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
  ...over,
});
const progress = (over: Record<string, unknown> = {}) => ({
  type: 'import.progress' as const,
  importId: 'i1',
  status: 'running' as const,
  progress: 0.5,
  rowsRead: 10,
  imported: 8,
  duplicates: 0,
  failed: 2,
  at: '',
  ...over,
});

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the import store', () => {
  it('encodes files to base64 in slices, byte for byte', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('moves a summary forward with progress, never back, and not after it finished', () => {
    const s = applyProgress(summary(), progress());
    expect(s).toMatchObject({ status: 'running', progress: 0.5, imported: 8, failed: 2 });
    expect(applyProgress(s, progress({ progress: 0.2, imported: 3 }))).toMatchObject({ progress: 0.5, imported: 8 });
    expect(applyProgress(summary({ status: 'done', progress: 1 }), progress())).toMatchObject({ status: 'done', progress: 1 });
    expect(applyProgress(summary({ id: 'other' }), progress())).toMatchObject({ status: 'queued' });
  });

  it('refuses a file over the limit before sending it, saying how big it is and what to do', async () => {
    const api = fakeDesk({});
    const store = createImportStore(api);
    await store.getState().fileChosen({ name: 'huge.csv', size: 20 * 1024 * 1024, arrayBuffer: async () => new ArrayBuffer(0) });
    expect(store.getState().error).toEqual({ kind: 'too-big', name: 'huge.csv', sizeMb: 20, maxMb: 8 });
    expect(api.calls).toEqual([]);
  });

  it('uploads a file, selects its import and follows it', async () => {
    const api = fakeDesk({
      'imports.upload': ({ fileName }) => summary({ fileName }),
      'imports.get': ({ id }) => ({ import: summary({ id, status: 'done', progress: 1 }), rows: [], totalRows: 0 }),
    });
    const store = createImportStore(api);
    await store
      .getState()
      .fileChosen({ name: 'a.csv', size: 3, arrayBuffer: async () => new TextEncoder().encode('a,b').buffer as ArrayBuffer });
    expect(api.calls).toEqual([
      ['imports.upload', { fileName: 'a.csv', contentBase64: 'YSxi' }],
      ['imports.get', { id: 'i1', status: undefined, limit: 1000 }],
    ]);
    expect(store.getState().selectedId).toBe('i1');
    store.getState().progressReceived(progress({ status: 'done', progress: 1 }));
    expect(store.getState().history[0]).toMatchObject({ status: 'done' });
  });

  it('shows the rows of a small file that was done before its upload was answered', async () => {
    const row = { line: 2, orderId: 'A-1', status: 'imported' as const, column: null, reason: null, atalayaOrderId: 'o1' };
    let uploadAnswered = (_: ImportSummary) => undefined as void;
    const api = fakeDesk({
      'imports.upload': () => new Promise<ImportSummary>((r) => (uploadAnswered = r)),
      'imports.list': () => [summary({ status: 'done', progress: 1 })],
      'imports.get': ({ id }) => ({ import: summary({ id, status: 'done', progress: 1 }), rows: [row], totalRows: 1 }),
    });
    const store = createImportStore(api);
    const chosen = store
      .getState()
      .fileChosen({ name: 'a.csv', size: 3, arrayBuffer: async () => new TextEncoder().encode('a,b').buffer as ArrayBuffer });
    await settle();
    // The worker finished while the upload's answer was on its way: no import is selected yet.
    store.getState().progressReceived(progress({ status: 'done', progress: 1 }));
    await settle();
    uploadAnswered(summary());
    await chosen;
    expect(store.getState()).toMatchObject({ selectedId: 'i1', totalRows: 1 });
    expect(store.getState().rows).toEqual([row]);
  });

  it('hears live events through one action: progress moves a summary on, a resync reloads the history', async () => {
    const api = fakeDesk({ 'imports.list': () => [summary({ status: 'running', progress: 0.2 })] });
    const store = createImportStore(api);
    store.getState().liveEventReceived(RESYNC);
    await settle();
    expect(api.calls).toEqual([['imports.list', { limit: 50 }]]);
    store.getState().liveEventReceived(progress({ progress: 0.7 }));
    store.getState().liveEventReceived({ type: 'locations.changed', at: '' });
    expect(store.getState().history[0]).toMatchObject({ status: 'running', progress: 0.7 });
    expect(api.calls).toHaveLength(1);
  });
});
