import { contextBridge, ipcRenderer } from 'electron';
import type { DeskApi, EngineEvent } from '../shared';

const CALL_CHANNEL = 'atalaya:call';
const EVENT_CHANNEL = 'atalaya:event';

type Reply = { ok: true; output: unknown } | { ok: false; error: { code: string; message: string; issues?: unknown } };

/**
 * The one small, named bridge the page gets: call an endpoint of the contract, hear engine events.
 * No generic send/invoke is exposed; main checks the sender and parses every input.
 */
const api: DeskApi = {
  async call(endpoint, input) {
    if (typeof endpoint !== 'string') throw new Error('endpoint must be a string');
    const reply = (await ipcRenderer.invoke(CALL_CHANNEL, endpoint, input)) as Reply;
    if (reply.ok) return reply.output as never;
    throw Object.assign(new Error(reply.error.message), reply.error);
  },
  onEvent(listener) {
    const handler = (_e: unknown, event: EngineEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('atalaya', api);
