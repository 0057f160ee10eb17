import { describe, expect, it, vi } from 'vitest';
import { PrintError, type PrinterTarget, type RenderedDocument } from '../../ports/printer.port';
import { ippEndpoint, type IppCall, type IppReply } from './ipp-client';
import { ippPrinterHealth, ippTransport } from './ipp.transport';

const printer: PrinterTarget = {
  id: 'p1',
  name: 'Zebra dock',
  transport: 'ipp',
  address: 'ipp://127.0.0.1:631/printers/zebra',
  language: 'zpl',
  dpi: 203,
  paper: '4x6',
};
const zpl: RenderedDocument = {
  jobId: 'j1',
  title: 'Label #1043',
  format: 'zpl',
  bytes: new TextEncoder().encode('^XA^XZ'),
  pageMm: { width: 101.6, height: 152.4 },
};

const reply = (statusCode: string, groups: Partial<IppReply> = {}): IppReply => ({
  statusCode,
  statusMessage: null,
  printer: {},
  job: {},
  ...groups,
});
const idle = reply('successful-ok', {
  printer: { 'printer-state': 'idle', 'printer-state-reasons': 'none', 'printer-is-accepting-jobs': true },
});

/** A fake IPP server: answers by operation from a script; records every call. */
function fakeIpp(script: Partial<Record<IppCall['operation'], IppReply | IppReply[] | Error>>) {
  const calls: IppCall[] = [];
  const send = vi.fn(async (_uri: string, call: IppCall) => {
    calls.push(call);
    const r = script[call.operation];
    if (r instanceof Error) throw r;
    if (Array.isArray(r)) return r.length > 1 ? r.shift()! : r[0]!;
    if (!r) throw new Error(`no reply scripted for ${call.operation}`);
    return r;
  });
  return { send, calls };
}
const noSleep = async () => undefined;

describe('IPP printer health', () => {
  it('maps printer-state and printer-state-reasons', () => {
    expect(ippPrinterHealth({ 'printer-state': 'idle', 'printer-state-reasons': 'none' })).toEqual({ state: 'ready', detail: null });
    expect(ippPrinterHealth({ 'printer-state': 'processing', 'printer-state-reasons': 'none' }).state).toBe('printing');
    expect(ippPrinterHealth({ 'printer-state': 'stopped', 'printer-state-reasons': 'paused' }).state).toBe('paused');
    expect(ippPrinterHealth({ 'printer-state': 'stopped', 'printer-state-reasons': ['media-empty-error', 'paused'] }).state).toBe(
      'paper_out',
    );
    expect(ippPrinterHealth({ 'printer-state': 'stopped', 'printer-state-reasons': 'offline-report' }).state).toBe('offline');
    expect(ippPrinterHealth({ 'printer-state': 'stopped', 'printer-state-reasons': 'cover-open-error' })).toEqual({
      state: 'error',
      detail: 'cover-open',
    });
    expect(ippPrinterHealth({ 'printer-state': 'idle', 'printer-state-reasons': 'none', 'printer-is-accepting-jobs': false }).state).toBe(
      'paused',
    );
    // CUPS 2.4's socket backend while the device refuses connections: processing, no reason, only the message.
    expect(
      ippPrinterHealth({
        'printer-state': 'processing',
        'printer-state-reasons': 'none',
        'printer-state-message': 'The printer may not exist or is unavailable at this time.',
      }),
    ).toEqual({ state: 'offline', detail: 'The printer may not exist or is unavailable at this time.' });
  });

  it('an unreachable server is offline; health never throws', async () => {
    const { send } = fakeIpp({ 'Get-Printer-Attributes': new PrintError('does not answer (ECONNREFUSED)', 'retry', 'offline') });
    await expect(ippTransport({ send }).health(printer)).resolves.toEqual({ state: 'offline', detail: 'does not answer (ECONNREFUSED)' });
  });
});

describe('IPP send', () => {
  it('sends ZPL raw with the title and user, then follows the job until CUPS completes it', async () => {
    const { send, calls } = fakeIpp({
      'Get-Printer-Attributes': idle,
      'Print-Job': reply('successful-ok', { job: { 'job-id': 42, 'job-state': 'pending' } }),
      'Get-Job-Attributes': [
        reply('successful-ok', { job: { 'job-state': 'processing' } }),
        reply('successful-ok', { job: { 'job-state': 'completed' } }),
      ],
    });
    await expect(ippTransport({ send, sleep: noSleep }).send(printer, zpl)).resolves.toEqual({ receipt: 'CUPS job 42' });
    const print = calls.find((c) => c.operation === 'Print-Job')!;
    expect(print.attributes).toEqual({
      'requesting-user-name': 'atalaya',
      'job-name': 'Label #1043',
      'document-format': 'application/vnd.cups-raw',
    });
    expect(print.data).toEqual(zpl.bytes);
    expect(calls.filter((c) => c.operation === 'Get-Job-Attributes')).toHaveLength(2);
    expect(calls.find((c) => c.operation === 'Get-Job-Attributes')!.attributes['job-id']).toBe(42);
  });

  it('a PDF goes as application/pdf', async () => {
    const { send, calls } = fakeIpp({
      'Get-Printer-Attributes': idle,
      'Print-Job': reply('successful-ok', { job: { 'job-id': 7 } }),
      'Get-Job-Attributes': reply('successful-ok', { job: { 'job-state': 'completed' } }),
    });
    await ippTransport({ send, sleep: noSleep }).send(printer, { ...zpl, format: 'pdf' });
    expect(calls.find((c) => c.operation === 'Print-Job')!.attributes['document-format']).toBe('application/pdf');
  });

  it('a job CUPS still holds after the bound is left to CUPS, with a receipt that says so', async () => {
    const { send } = fakeIpp({
      'Get-Printer-Attributes': idle,
      'Print-Job': reply('successful-ok', { job: { 'job-id': 9 } }),
      'Get-Job-Attributes': reply('successful-ok', { job: { 'job-state': 'processing' } }),
    });
    const sleep = vi.fn(async () => undefined);
    const t = ippTransport({ send, jobWaitMs: 0, sleep });
    await expect(t.send(printer, zpl)).resolves.toEqual({ receipt: 'CUPS job 9 (pending, held by CUPS)' });
  });

  it('a stopped queue is not sent to: retry with its state', async () => {
    const { send, calls } = fakeIpp({
      'Get-Printer-Attributes': reply('successful-ok', { printer: { 'printer-state': 'stopped', 'printer-state-reasons': 'paused' } }),
    });
    await expect(ippTransport({ send }).send(printer, zpl)).rejects.toMatchObject({ kind: 'retry', health: 'paused' });
    expect(calls.map((c) => c.operation)).toEqual(['Get-Printer-Attributes']);
  });

  it('a refused connection is retry; a missing queue and an unsupported format are fatal', async () => {
    const refused = fakeIpp({ 'Get-Printer-Attributes': new PrintError('ECONNREFUSED', 'retry', 'offline') });
    await expect(ippTransport({ send: refused.send }).send(printer, zpl)).rejects.toMatchObject({ kind: 'retry', health: 'offline' });
    const missing = fakeIpp({ 'Get-Printer-Attributes': reply('client-error-not-found') });
    await expect(ippTransport({ send: missing.send }).send(printer, zpl)).rejects.toMatchObject({
      kind: 'fatal',
      message: expect.stringContaining('no such queue'),
    });
    const format = fakeIpp({ 'Get-Printer-Attributes': idle, 'Print-Job': reply('client-error-document-format-not-supported') });
    await expect(ippTransport({ send: format.send }).send(printer, zpl)).rejects.toMatchObject({ kind: 'fatal' });
    const busy = fakeIpp({ 'Get-Printer-Attributes': idle, 'Print-Job': reply('server-error-not-accepting-jobs') });
    await expect(ippTransport({ send: busy.send }).send(printer, zpl)).rejects.toMatchObject({ kind: 'retry' });
  });

  it('an aborted job is fatal with the reasons', async () => {
    const { send } = fakeIpp({
      'Get-Printer-Attributes': idle,
      'Print-Job': reply('successful-ok', { job: { 'job-id': 5 } }),
      'Get-Job-Attributes': reply('successful-ok', { job: { 'job-state': 'aborted', 'job-state-reasons': 'document-format-error' } }),
    });
    await expect(ippTransport({ send, sleep: noSleep }).send(printer, zpl)).rejects.toMatchObject({
      kind: 'fatal',
      message: 'CUPS job 5 on Zebra dock was aborted (document-format-error)',
    });
  });
});

describe('IPP addresses', () => {
  it('maps ipp: and ipps: to HTTP(S) on 631 unless a port is given; anything else is fatal', () => {
    expect(ippEndpoint('ipp://cups.local/printers/a').href).toBe('http://cups.local:631/printers/a');
    expect(ippEndpoint('ipps://cups.local:8631/printers/a').href).toBe('https://cups.local:8631/printers/a');
    expect(() => ippEndpoint('/printers/a')).toThrow(PrintError);
    expect(() => ippEndpoint('ftp://x/printers/a')).toThrow(/ipp:\/\/host:631/);
  });
});
