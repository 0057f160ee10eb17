import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../shared';
import { createDeskSessions } from './desk-sessions';
import type { EngineRequest } from './engine-messages';
import { createEngineRelay } from './engine-relay';

/** ipcMain and the open windows, as the bridge sees them. */
const ipc = vi.hoisted(() => ({
  handlers: {} as Record<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>,
  windows: [] as { webContents: { id: number; sent: unknown[]; isDestroyed(): boolean; send(c: string, m: unknown): void } }[],
}));

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: never) => void (ipc.handlers[channel] = handler) },
  BrowserWindow: { getAllWindows: () => ipc.windows.map((w) => ({ ...w, isDestroyed: () => false })) },
}));

const { CALL_CHANNEL, RESYNC, SESSION_CHANNEL, startIpcBridge } = await import('./ipc-bridge');

/** A window's web contents: an id, what it was sent, and 'destroyed'. */
function openWindow(id: number) {
  const contents = Object.assign(new EventEmitter(), {
    id,
    sent: [] as unknown[],
    isDestroyed: () => false,
    send: (_channel: string, m: unknown) => void contents.sent.push(m),
  });
  ipc.windows.push({ webContents: contents });
  return contents;
}

const from = (sender: { id: number }, url = 'app://desk/', mainFrame = true) => ({
  sender,
  senderFrame: { url, parent: mainFrame ? null : {} },
});

/** The bridge over a real relay and real sessions, with an engine that signs in one password and answers every call. */
function bridge() {
  const relay = createEngineRelay();
  const sent: EngineRequest[] = [];
  relay.attach((m) => {
    if (m.kind === 'shutdown' || m.kind === 'hostReply') return;
    const { id, ...request } = m;
    sent.push(request);
    queueMicrotask(() => {
      if (m.kind === 'signIn' && m.password === 'associate-pw-123') {
        const actor = { id: 'user-asso', name: 'Asso', role: 'associate' as const, locations: ['loc-a'] };
        relay.receive({
          kind: 'result',
          id,
          ok: true,
          output: { token: `tok-${m.username}`, actor, session: { user: { username: m.username } } },
        });
      } else if (m.kind === 'signIn') {
        relay.receive({ kind: 'result', id, ok: false, error: { code: 'UNAUTHORIZED', message: 'Wrong user name or password' } });
      } else relay.receive({ kind: 'result', id, ok: true, output: { answered: m.kind } });
    });
  });
  relay.receive({ kind: 'ready', setupToken: null });
  const pushed = startIpcBridge(relay, createDeskSessions(relay), 'app://desk/');
  return { relay, sent, pushed };
}

describe('the IPC bridge', () => {
  it('refuses calls and sign-ins from any page but the desk in its main frame (17: validate the sender)', async () => {
    const { sent } = bridge();
    const wc = openWindow(1);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const ev of [
      from(wc, 'https://evil.example/'),
      from(wc, 'app://desk/', false),
      from(wc, 'file:///tmp/x.html'),
      { sender: wc, senderFrame: null },
    ]) {
      await expect(ipc.handlers[CALL_CHANNEL]!(ev, 'orders.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await expect(ipc.handlers[SESSION_CHANNEL]!(ev, 'signIn', { username: 'a', password: 'b' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(sent).toEqual([]);
  });

  it('signs a window in, answers without the token, runs its calls with it, and ends the session when it closes', async () => {
    const { sent } = bridge();
    const wc = openWindow(2);
    await expect(ipc.handlers[CALL_CHANNEL]!(from(wc), 'orders.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    const reply = await ipc.handlers[SESSION_CHANNEL]!(from(wc), 'signIn', { username: 'asso', password: 'associate-pw-123' });
    expect(reply).toEqual({ ok: true, output: { user: { username: 'asso' } } });
    await expect(ipc.handlers[CALL_CHANNEL]!(from(wc), 'orders.list', {})).resolves.toEqual({ ok: true, output: { answered: 'call' } });
    expect(sent.at(-1)).toEqual({ kind: 'call', endpoint: 'orders.list', input: {}, token: 'tok-asso' });
    // Bad input never reaches the engine.
    await expect(ipc.handlers[CALL_CHANNEL]!(from(wc), 'orders.drop', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await expect(ipc.handlers[SESSION_CHANNEL]!(from(wc), 'becomeAdmin', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    wc.emit('destroyed');
    await new Promise((r) => setTimeout(r, 0));
    expect(sent.at(-1)).toEqual({ kind: 'signOut', token: 'tok-asso' });
  });

  it('sends each window only the events its user may hear; a resync goes to all', async () => {
    const { relay } = bridge();
    ipc.windows.length = 0;
    const associate = openWindow(3);
    const nobody = openWindow(4);
    await ipc.handlers[SESSION_CHANNEL]!(from(associate), 'signIn', { username: 'asso', password: 'associate-pw-123' });
    const at = (locationId: string) => ({ type: 'order.changed', orderId: 'o', status: 'sourced', locationId, at: 'now' }) as EngineEvent;
    relay.receive({ kind: 'event', event: at('loc-a') });
    relay.receive({ kind: 'event', event: at('loc-b') });
    relay.receive({ kind: 'event', event: { type: 'channels.changed', at: 'now' } as EngineEvent });
    expect(associate.sent).toEqual([at('loc-a')]);
    expect(nobody.sent).toEqual([]);
    const { pushed } = bridge();
    pushed.push(RESYNC);
    expect(nobody.sent).toEqual([RESYNC]);
  });
});
