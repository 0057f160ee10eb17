import { describe, expect, it } from 'vitest';
import type { DeskApi, ImportSummary } from '../../../../shared';
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
    const calls: string[] = [];
    const api: Pick<DeskApi, 'call'> = { call: async (e) => (calls.push(e), [] as never) };
    const store = createImportStore(api);
    await store.getState().fileChosen({ name: 'huge.csv', size: 20 * 1024 * 1024, arrayBuffer: async () => new ArrayBuffer(0) });
    expect(store.getState().error).toEqual({ kind: 'too-big', name: 'huge.csv', sizeMb: '20.0', maxMb: 8 });
    expect(calls).toEqual([]);
  });

  it('uploads a file, selects its import and follows it', async () => {
    const calls: { e: string; input: unknown }[] = [];
    const api: Pick<DeskApi, 'call'> = {
      call: async (e, input) => {
        calls.push({ e, input });
        return (e === 'imports.upload' ? summary() : []) as never;
      },
    };
    const store = createImportStore(api);
    await store
      .getState()
      .fileChosen({ name: 'a.csv', size: 3, arrayBuffer: async () => new TextEncoder().encode('a,b').buffer as ArrayBuffer });
    expect(calls[0]).toEqual({ e: 'imports.upload', input: { fileName: 'a.csv', contentBase64: 'YSxi' } });
    expect(store.getState().selectedId).toBe('i1');
    store.getState().progressReceived(progress({ status: 'done', progress: 1 }));
    expect(store.getState().history[0]).toMatchObject({ status: 'done' });
  });
});
