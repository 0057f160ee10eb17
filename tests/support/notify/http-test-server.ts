import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 (port chosen by the OS) for the HTTP notifiers' loopback servers
 * (WhatsApp, SMS, webhook receiver). Beyond tests/support/loopback it keeps the raw body bytes (a
 * webhook signature is over bytes), counts connections (open now, and ever — "close() closes its
 * connections" is asserted by the server), and can hold an answer (`HANG`) until the server stops,
 * for a client's timeout. Idle keep-alive connections stay open for a minute, so a connection that
 * goes away was closed by the client.
 */

export interface TestRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: string;
}

export interface TestReply {
  status: number;
  /** A string goes as text, anything else as JSON, undefined as no body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Returned by a handler: never answer (the server releases the request when it stops). */
export const HANG = Symbol('hang');

export interface HttpTestServer {
  url: string;
  /** Every request received, in order. */
  requests: TestRequest[];
  openConnections(): number;
  totalConnections(): number;
  close(): Promise<void>;
}

export async function startHttpTestServer(
  handle: (req: TestRequest) => TestReply | typeof HANG | Promise<TestReply | typeof HANG>,
): Promise<HttpTestServer> {
  const requests: TestRequest[] = [];
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  let total = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const r: TestRequest = {
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
        headers: req.headers,
        raw,
        body: raw.toString('utf8'),
      };
      requests.push(r);
      Promise.resolve()
        .then(() => handle(r))
        .catch((e: unknown): TestReply => ({ status: 500, body: { message: `test server handler failed: ${(e as Error).message}` } }))
        .then((reply) => {
          if (reply === HANG) {
            held.add(res);
            return;
          }
          const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
          res.writeHead(reply.status, {
            'content-type': typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
            ...reply.headers,
          });
          res.end(text);
        });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (s: Socket) => {
    total += 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openConnections: () => sockets.size,
    totalConnections: () => total,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of held) res.destroy();
        held.clear();
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** The request's bearer token, or null. */
export const bearerOf = (req: TestRequest): string | null => /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? null;
