import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { formatHostStatus } from '../../src/engine/adapters/print/zebra-status';

/**
 * A JetDirect (port 9100) printer on loopback for the printing tests: it records every job's bytes
 * (a job = one connection that carried more than status queries), answers Zebra's `~HS` with a
 * realistic three-line host status, and can be taken offline (it stops listening: connections are
 * refused), out of paper (~HS says so) and back to ready.
 *
 * The CUPS test queues print to fixed ports (atalaya-raw → 19100, atalaya-zebra → 19101); tests
 * that hold one of those ports run one at a time across files: `waitForPortMs` lets a test wait
 * for another file's listener to close instead of failing at once.
 */
export interface RawPrinter {
  readonly port: number;
  /** `127.0.0.1:<port>`, as a raw9100 printer's address. */
  readonly address: string;
  /** Every job received, in order of completion. */
  readonly jobs: Buffer[];
  /** How many ~HS queries were answered. */
  readonly statusQueries: number;
  /** Stops listening and drops open connections: the printer is away. */
  offline(): Promise<void>;
  /** ~HS now reports paper out (the printer still listens). */
  paperOut(): void;
  /** Paper back and listening again, on the same port. */
  ready(): Promise<void>;
  /** Waits (polling, bounded) until at least `count` jobs arrived; returns them. */
  waitForJobs(count: number, timeoutMs?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

const HS = Buffer.from('~HS');

export async function startRawPrinter(options: { port?: number; waitForPortMs?: number } = {}): Promise<RawPrinter> {
  const jobs: Buffer[] = [];
  const open = new Set<Socket>();
  let statusQueries = 0;
  let paper = true;
  let server: Server | undefined;
  let port = options.port ?? 0;

  const onConnection = (socket: Socket) => {
    open.add(socket);
    const body: Buffer[] = [];
    // Leading ~HS commands are status queries, answered and not part of the job.
    let pending = Buffer.alloc(0);
    let inStatus = true;
    socket.on('data', (chunk: Buffer) => {
      if (!inStatus) return void body.push(chunk);
      pending = Buffer.concat([pending, chunk]);
      while (pending.subarray(0, 3).equals(HS)) {
        statusQueries++;
        socket.write(formatHostStatus({ paperOut: !paper }));
        pending = pending.subarray(3);
      }
      if (pending.length > 0 && !(pending.length < 3 && HS.subarray(0, pending.length).equals(pending))) {
        inStatus = false;
        body.push(pending);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      open.delete(socket);
      if (inStatus && pending.length > 0) body.push(pending);
      const job = Buffer.concat(body);
      if (job.length > 0) jobs.push(job);
    });
  };

  const listen = async () => {
    const deadline = Date.now() + (options.waitForPortMs ?? 0);
    for (;;) {
      const s = createServer(onConnection);
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        s.once('error', resolve);
        s.listen(port, '127.0.0.1', () => resolve(null));
      });
      if (!error) {
        server = s;
        port = (s.address() as AddressInfo).port;
        return;
      }
      if (error.code !== 'EADDRINUSE' || Date.now() > deadline) {
        throw new Error(
          `The test printer could not listen on 127.0.0.1:${port}: ${error.code ?? error.message} (another test's listener on it?)`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const stop = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    for (const socket of open) socket.destroy();
    await new Promise<void>((r) => s.close(() => r()));
  };

  await listen();

  return {
    get port() {
      return port;
    },
    get address() {
      return `127.0.0.1:${port}`;
    },
    jobs,
    get statusQueries() {
      return statusQueries;
    },
    offline: stop,
    paperOut() {
      paper = false;
    },
    async ready() {
      paper = true;
      if (!server) await listen();
    },
    async waitForJobs(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (jobs.length < count) {
        if (Date.now() > deadline)
          throw new Error(`The test printer on ${port} got ${jobs.length} of ${count} jobs within ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return jobs.slice(0, count);
    },
    close: stop,
  };
}
