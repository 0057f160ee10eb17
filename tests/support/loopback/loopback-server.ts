import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 (port chosen by the OS) that plays a channel's API in tests:
 * adapters reach it through the ordinary fetch, so headers, status codes and bodies cross a
 * real socket.
 */
export interface LoopbackRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LoopbackServer {
  url: string;
  /** Every request received, in order. */
  requests: LoopbackRequest[];
  close(): Promise<void>;
}

export async function startLoopback(handle: (req: LoopbackRequest) => Reply | Promise<Reply>): Promise<LoopbackServer> {
  const requests: LoopbackRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const r: LoopbackRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(r);
      Promise.resolve()
        .then(() => handle(r))
        .catch((e: unknown): Reply => ({ status: 500, body: { message: `loopback handler failed: ${(e as Error).message}` } }))
        .then((reply) => {
          // Bytes (a PDF label) go as they are; a string as text; anything else as JSON.
          const bytes = reply.body instanceof Uint8Array;
          const text = reply.body === undefined ? '' : bytes || typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
          res.writeHead(reply.status, {
            'content-type': bytes
              ? 'application/octet-stream'
              : typeof reply.body === 'string'
                ? 'text/plain; charset=utf-8'
                : 'application/json; charset=utf-8',
            ...reply.headers,
          });
          res.end(text as string | Uint8Array);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
