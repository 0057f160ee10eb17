import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPrintBridge } from './engine-print-bridge';
import type { FromEngine } from './engine-messages';

const request = { deviceName: 'Brother_HL', html: '<p>hola</p>', pageSize: { width: 210000, height: 297000 }, title: 'Pick list' };
type Host = Extract<FromEngine, { kind: 'host' }>;

describe('the engine side of silent printing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks main to print and returns its answer, matched by id', async () => {
    const posted: Host[] = [];
    const { bridge, receive } = createPrintBridge((m) => void posted.push(m as Host));
    const a = bridge.print(request);
    const b = bridge.printers();
    expect(posted.map((m) => m.request)).toEqual([{ kind: 'print', request }, { kind: 'printers' }]);
    receive({ kind: 'hostReply', hostId: posted[1]!.hostId, ok: true, output: [{ name: 'Brother_HL', status: 3, isDefault: true }] });
    receive({ kind: 'hostReply', hostId: posted[0]!.hostId, ok: true, output: { ok: false, error: 'Invalid deviceName provided' } });
    await expect(a).resolves.toEqual({ ok: false, error: 'Invalid deviceName provided' });
    await expect(b).resolves.toEqual([{ name: 'Brother_HL', status: 3, isDefault: true }]);
  });

  it('a main process that does not answer fails the print (never hangs) and the printer list (health says unknown)', async () => {
    const { bridge, receive } = createPrintBridge(() => undefined, { printTimeoutMs: 1_000, listTimeoutMs: 500 });
    const a = bridge.print(request);
    const b = bridge.printers();
    const bFailed = expect(b).rejects.toThrow(/did not answer printers/);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(a).resolves.toEqual({ ok: false, error: 'the desktop app did not answer print within 1 s' });
    await bFailed;
    // A late answer is ignored.
    receive({ kind: 'hostReply', hostId: 1, ok: true, output: { ok: true } });
  });

  it('an error answer fails the call with main’s text', async () => {
    const posted: Host[] = [];
    const { bridge, receive } = createPrintBridge((m) => void posted.push(m as Host));
    const a = bridge.print(request);
    receive({ kind: 'hostReply', hostId: posted[0]!.hostId, ok: false, error: 'no window' });
    await expect(a).resolves.toEqual({ ok: false, error: 'no window' });
  });
});
