import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared';
import { RESYNC } from '../../api/desk-client';
import { fakeDesk } from '../../test-support/fake-desk';
import { aPrinterOf, aPrintJob, aStation } from '../../test-support/floor-fixtures';
import { createPrintingStore, jobActions, printerTone, PRINT_REFETCH_MS, selectJobCounts, selectStripPrinters } from './printing.store';

const settle = () => new Promise((r) => setTimeout(r, 0));

function printDesk() {
  let jobs = [
    aPrintJob({ id: 'j1', status: 'done' }),
    aPrintJob({ id: 'j2', status: 'queued', docType: 'shipping_label', format: 'zpl', lastError: 'connect ECONNREFUSED 127.0.0.1:19100' }),
    aPrintJob({ id: 'j3', status: 'failed' }),
  ];
  return fakeDesk({
    'printing.stations': () => [
      aStation({ id: 'other', current: false, printers: [aPrinterOf({ id: 'px', stationId: 'other' })] }),
      aStation({
        printers: [
          aPrinterOf(),
          aPrinterOf({
            id: 'p2',
            name: 'Zebra',
            language: 'zpl',
            dpi: 203,
            health: { state: 'offline', detail: 'no answer', checkedAt: null },
          }),
          aPrinterOf({ id: 'p3', active: false }),
        ],
      }),
    ],
    'printing.jobs': () => jobs,
    'printing.reprint': ({ jobId, reason }) => {
      const copy = aPrintJob({ id: 'j4', status: 'queued', reprintOf: jobId, reason });
      jobs = [copy, ...jobs];
      return copy;
    },
    'printing.retry': ({ jobId }) => {
      throw new AppError('ILLEGAL_TRANSITION', `job ${jobId} is not failed`);
    },
    'printing.preview': () => ({ title: 'Label #1043 1/1', pdfBase64: 'JVBERi0=', zpl: '^XA^FDAT1043-1^FS^XZ', html: '<p>AT1043-1</p>' }),
    'printing.checkPrinter': ({ id }) =>
      aPrinterOf({ id, name: 'Zebra', health: { state: 'ready', detail: null, checkedAt: '2026-01-01T10:00:00Z' } }),
  });
}

describe('printing store', () => {
  it("loads this station's printers and its jobs only", async () => {
    const api = printDesk();
    const store = createPrintingStore(api);
    await store.getState().refreshRequested();
    expect(api.inputsOf('printing.jobs')).toEqual([{ stationId: 'st-1', limit: 100 }]);
    expect(selectStripPrinters(store.getState()).map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(selectJobCounts(store.getState())).toEqual({ waiting: 1, failed: 1 });
  });

  it('a reprint carries its reason and the panel shows the copy; a refused retry says why', async () => {
    const api = printDesk();
    const store = createPrintingStore(api);
    await store.getState().refreshRequested();
    store.getState().reprintOpened('j1');
    expect(await store.getState().reprintSubmitted('j1', '  label torn ')).toBe(true);
    expect(api.inputsOf('printing.reprint')).toEqual([{ jobId: 'j1', reason: 'label torn' }]);
    expect(store.getState().reprinting).toBeNull();
    expect(store.getState().jobs[0]).toMatchObject({ id: 'j4', reprintOf: 'j1', reason: 'label torn' });
    await store.getState().jobRetried('j1');
    expect(store.getState().actionError).toBe('job j1 is not failed');
    expect(store.getState().busy).toEqual({});
  });

  it('previews a job (PDF and ZPL), and a printer check updates its chip', async () => {
    const api = printDesk();
    const store = createPrintingStore(api);
    await store.getState().refreshRequested();
    await store.getState().previewRequested('j2');
    expect(store.getState().preview).toEqual({
      jobId: 'j2',
      doc: { title: 'Label #1043 1/1', pdfBase64: 'JVBERi0=', zpl: '^XA^FDAT1043-1^FS^XZ', html: '<p>AT1043-1</p>' },
      error: null,
    });
    store.getState().previewClosed();
    expect(store.getState().preview).toBeNull();
    await store.getState().printerChecked('p2');
    expect(selectStripPrinters(store.getState()).find((p) => p.id === 'p2')?.health.state).toBe('ready');
  });

  it('refetches on print and printer events (throttled) once loaded', async () => {
    let now = 0;
    const api = printDesk();
    const store = createPrintingStore(api, () => now);
    store.getState().liveEventReceived({ type: 'print.changed', jobId: 'j1', stationId: 'st-1', printerId: 'p1', status: 'done', at: '' });
    await settle();
    expect(api.calls).toEqual([]);
    await store.getState().refreshRequested();
    now = PRINT_REFETCH_MS * 2;
    store.getState().liveEventReceived({ type: 'printers.changed', stationId: 'st-1', printerId: 'p2', at: '' });
    await settle();
    await settle();
    expect(api.inputsOf('printing.stations')).toHaveLength(2);
    now += PRINT_REFETCH_MS * 2;
    store.getState().liveEventReceived(RESYNC);
    await settle();
    expect(api.inputsOf('printing.stations')).toHaveLength(3);
  });
});

describe('printing selectors', () => {
  it('offers retry for failed, cancel before printing, reprint after', () => {
    expect(jobActions({ status: 'queued' })).toEqual({ retry: false, cancel: true, reprint: false });
    expect(jobActions({ status: 'sending' })).toEqual({ retry: false, cancel: false, reprint: false });
    expect(jobActions({ status: 'failed' })).toEqual({ retry: true, cancel: true, reprint: true });
    expect(jobActions({ status: 'done' })).toEqual({ retry: false, cancel: false, reprint: true });
    expect(jobActions({ status: 'cancelled' })).toEqual({ retry: false, cancel: false, reprint: false });
  });

  it('reads printer states as tones', () => {
    expect(printerTone('ready')).toBe('ok');
    expect(printerTone('paper_out')).toBe('warn');
    expect(printerTone('offline')).toBe('bad');
    expect(printerTone('unknown')).toBe('idle');
  });
});
