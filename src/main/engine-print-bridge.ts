import type { SilentPrintBridge } from '../engine/ports/printer.port';
import type { FromEngine, HostReply, HostRequest } from './engine-messages';

interface Waiting {
  resolve(output: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The engine process's side of silent printing: a {@link SilentPrintBridge} whose calls travel to
 * the main process as `host` messages and come back as `hostReply`. Kept apart from
 * `process.parentPort` so it is unit-tested. Every call is bounded: a main process that never
 * answers fails the print (the job retries) instead of holding it.
 */
export function createPrintBridge(post: (m: FromEngine) => void, options: { printTimeoutMs?: number; listTimeoutMs?: number } = {}) {
  const printTimeoutMs = options.printTimeoutMs ?? 90_000;
  const listTimeoutMs = options.listTimeoutMs ?? 10_000;
  const waiting = new Map<number, Waiting>();
  let nextId = 1;

  const ask = (request: HostRequest, timeoutMs: number) =>
    new Promise<unknown>((resolve, reject) => {
      const hostId = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(hostId);
        reject(new Error(`the desktop app did not answer ${request.kind} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      waiting.set(hostId, { resolve, reject, timer });
      post({ kind: 'host', hostId, request });
    });

  const bridge: SilentPrintBridge = {
    async print(request) {
      try {
        return (await ask({ kind: 'print', request }, printTimeoutMs)) as { ok: true } | { ok: false; error: string };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    async printers() {
      const list = await ask({ kind: 'printers' }, listTimeoutMs);
      return Array.isArray(list) ? (list as Awaited<ReturnType<SilentPrintBridge['printers']>>) : [];
    },
  };

  return {
    bridge,
    /** Settles the call a reply answers (an unknown or late id is ignored). */
    receive(reply: HostReply): void {
      const w = waiting.get(reply.hostId);
      if (!w) return;
      waiting.delete(reply.hostId);
      clearTimeout(w.timer);
      if (reply.ok) w.resolve(reply.output);
      else w.reject(new Error(reply.error));
    },
  };
}
