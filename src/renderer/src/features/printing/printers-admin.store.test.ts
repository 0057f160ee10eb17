import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aPrinterOf, aStation } from '../../test-support/floor-fixtures';
import { createPrintersAdminStore, draftOf, newPrinterDraft, toSaveInput, withLanguage } from './printers-admin.store';

describe('printers admin store', () => {
  it('saves a new ZPL printer with its resolution, and closes the form', async () => {
    const api = fakeDesk({
      'printing.stations': () => [aStation()],
      'printing.savePrinter': (input) => aPrinterOf({ id: 'p9', ...input, stationId: 'st-1', dpi: input.dpi ?? null }),
    });
    const store = createPrintersAdminStore(api);
    await store.getState().refreshRequested();
    const draft = {
      ...withLanguage(newPrinterDraft('st-1'), 'zpl'),
      name: ' Zebra muelle ',
      transport: 'raw9100' as const,
      address: '127.0.0.1:19100',
    };
    store.getState().formOpened(draft);
    expect(await store.getState().printerSaved(draft)).toBe(true);
    expect(api.inputsOf('printing.savePrinter')).toEqual([
      {
        stationId: 'st-1',
        name: 'Zebra muelle',
        transport: 'raw9100',
        address: '127.0.0.1:19100',
        language: 'zpl',
        dpi: 203,
        paper: '4x6',
        active: true,
      },
    ]);
    expect(store.getState().form).toBeNull();
    expect(api.inputsOf('printing.stations')).toHaveLength(2);
  });

  it("keeps the form and the engine's message when a printer is refused", async () => {
    const api = fakeDesk({
      'printing.savePrinter': () => {
        throw new AppError(
          'VALIDATION_FAILED',
          'address: an IPP printer address is a queue URL such as ipp://127.0.0.1:631/printers/Zebra',
        );
      },
    });
    const store = createPrintersAdminStore(api);
    const draft = { ...newPrinterDraft('st-1'), name: 'Laser', address: 'laser' };
    store.getState().formOpened(draft);
    expect(await store.getState().printerSaved(draft)).toBe(false);
    expect(store.getState().formError).toMatch(/queue URL/);
    expect(store.getState().form).toEqual(draft);
  });

  it('sets a route with its fallback and strictness; no printer clears both', async () => {
    const api = fakeDesk({ 'printing.stations': () => [aStation()], 'printing.setRoute': () => [] });
    const store = createPrintersAdminStore(api);
    await store.getState().routeSet('st-1', 'shipping_label', { printerId: 'p2', fallbackPrinterId: 'p1', strict: true });
    await store.getState().routeSet('st-1', 'pick_list', { printerId: null, fallbackPrinterId: 'p1', strict: true });
    expect(api.inputsOf('printing.setRoute')).toEqual([
      { stationId: 'st-1', docType: 'shipping_label', printerId: 'p2', fallbackPrinterId: 'p1', strict: true },
      { stationId: 'st-1', docType: 'pick_list', printerId: null, fallbackPrinterId: null, strict: false },
    ]);
  });

  it('switching a printer to PDF drops its resolution and the label paper; editing keeps its id', () => {
    const zebra = aPrinterOf({ id: 'p2', language: 'zpl', dpi: 300, paper: '4x6' });
    const pdf = withLanguage(draftOf(zebra), 'pdf');
    expect(pdf).toMatchObject({ id: 'p2', dpi: null, paper: 'A4', language: 'pdf' });
    expect(toSaveInput(pdf)).toMatchObject({ id: 'p2', dpi: null });
    expect(withLanguage(draftOf(zebra), 'zpl').dpi).toBe(300);
  });
});
