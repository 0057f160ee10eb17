import { connect, type Socket } from 'node:net';
import type { PrinterHealth } from '../../../shared';
import { PrintError, type PrinterTarget, type PrinterTransport, type RenderedDocument } from '../../ports/printer.port';
import { hostStatusFrames, hostStatusHealth, parseHostStatus, type ZebraHostStatus } from './zebra-status';

/** Bounds, so a silent printer never holds a job (or a socket) for long. */
export interface Raw9100Options {
  connectTimeoutMs?: number;
  /** How long a Zebra may take to answer ~HS. */
  statusTimeoutMs?: number;
  /** How long the socket may sit without progress while the document goes out. */
  idleTimeoutMs?: number;
}

type Health = Omit<PrinterHealth, 'checkedAt'>;

/** `host:port`, `host` (port 9100) or `[v6]:port`; a PrintError `fatal` for anything else. */
export function parseSocketAddress(address: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(address.trim()) ?? /^([^:\s/]+)(?::(\d+))?$/.exec(address.trim());
  const port = m?.[2] === undefined ? 9100 : Number(m[2]);
  if (!m?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new PrintError(`"${address}" is not a printer socket address: write host:port, e.g. 192.168.1.50:9100`, 'fatal', 'error');
  }
  return { host: m[1], port };
}

/** Why a connection failed, as the job should take it: a printer away is retried, a name that does not exist is not. */
function connectError(e: NodeJS.ErrnoException, where: string): PrintError {
  if (e.code === 'ENOTFOUND') return new PrintError(`No host ${where}: check the printer's address`, 'fatal', 'offline');
  return new PrintError(`The printer at ${where} does not answer (${e.code ?? e.message}); is it on and connected?`, 'retry', 'offline');
}

/** Opens a socket within the connect timeout. */
function open(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      // Each step listens for errors while it runs; between steps one must not crash the process.
      socket.on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    });
  });
}

/** Sends ~HS on an open socket and reads the three framed lines; null when nothing sensible came back in time. */
function askHostStatus(socket: Socket, timeoutMs: number): Promise<ZebraHostStatus | null> {
  return new Promise((resolve) => {
    let text = '';
    const done = (status: ZebraHostStatus | null) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onEnd);
      socket.off('close', onEnd);
      resolve(status);
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (hostStatusFrames(text).length >= 3) done(parseHostStatus(text));
    };
    const onEnd = () => done(parseHostStatus(text));
    const timer = setTimeout(onEnd, timeoutMs);
    socket.on('data', onData);
    socket.once('error', onEnd);
    socket.once('close', onEnd);
    socket.write('~HS');
  });
}

/** Writes the document, half-closes, and waits for the printer to close its side. */
function writeAll(socket: Socket, bytes: Uint8Array, idleTimeoutMs: number, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let finished = false;
    socket.setTimeout(idleTimeoutMs, () => {
      socket.destroy();
      // Everything went out and the printer simply kept its side open: it has the job.
      if (finished) resolve();
      else reject(new PrintError(`The printer at ${where} stopped taking data`, 'retry', 'offline'));
    });
    socket.on('data', () => undefined); // whatever it says back is not read; reading keeps the socket flowing
    socket.once('error', (e: NodeJS.ErrnoException) => {
      socket.destroy();
      reject(new PrintError(`The printer at ${where} dropped the connection (${e.code ?? e.message})`, 'retry', 'offline'));
    });
    socket.once('close', (hadError) => {
      if (!hadError) resolve();
    });
    socket.end(bytes, () => (finished = true));
  });
}

/**
 * A JetDirect (port 9100) printer: the document's bytes on a plain TCP connection, one connection
 * per job. A ZPL printer is asked `~HS` first, so a label is not sent into a printer out of paper
 * (it would print later, after someone fixed it, maybe twice); PDF/PostScript lasers get no ~HS.
 */
export function raw9100Transport(options: Raw9100Options = {}): PrinterTransport {
  const connectTimeoutMs = options.connectTimeoutMs ?? 3_000;
  const statusTimeoutMs = options.statusTimeoutMs ?? 2_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 10_000;

  return {
    transport: 'raw9100',

    async send(printer: PrinterTarget, doc: RenderedDocument) {
      const { host, port } = parseSocketAddress(printer.address);
      const where = `${host}:${port}`;
      const socket = await open(host, port, connectTimeoutMs).catch((e: NodeJS.ErrnoException) => {
        throw connectError(e, where);
      });
      try {
        if (printer.language === 'zpl' && doc.format === 'zpl') {
          const status = await askHostStatus(socket, statusTimeoutMs);
          const health = status && hostStatusHealth(status);
          if (health && (health.state === 'paper_out' || health.state === 'error' || health.state === 'paused')) {
            throw new PrintError(`${printer.name} cannot print now: ${health.detail ?? health.state}`, 'retry', health.state);
          }
        }
        await writeAll(socket, doc.bytes, idleTimeoutMs, where);
        return { receipt: `${doc.bytes.byteLength} bytes to ${where}` };
      } finally {
        socket.destroy();
      }
    },

    async health(printer: PrinterTarget): Promise<Health> {
      let where = printer.address;
      try {
        const { host, port } = parseSocketAddress(printer.address);
        where = `${host}:${port}`;
        const socket = await open(host, port, connectTimeoutMs);
        try {
          if (printer.language !== 'zpl') return { state: 'ready', detail: `${where} accepts connections` };
          const status = await askHostStatus(socket, statusTimeoutMs);
          return status ? hostStatusHealth(status) : { state: 'unknown', detail: `${where} accepts connections but did not answer ~HS` };
        } finally {
          socket.destroy();
        }
      } catch (e) {
        if (e instanceof PrintError) return { state: e.health ?? 'error', detail: e.message };
        return { state: 'offline', detail: connectError(e as NodeJS.ErrnoException, where).message };
      }
    },
  };
}
