// The test program (tsconfig.test.json) does not include src's declaration files; this brings ipp's types along wherever the client goes.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./ipp.d.ts" />
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import ipp, { type IppMessage } from 'ipp';
import { PrintError } from '../../ports/printer.port';

/** One IPP operation: the printer's URL, the operation, its extra operation attributes, the document. */
export interface IppCall {
  operation: 'Get-Printer-Attributes' | 'Print-Job' | 'Get-Job-Attributes';
  attributes: Record<string, unknown>;
  data?: Uint8Array;
}

/** What an IPP exchange answers: the status keyword and the groups we read. */
export interface IppReply {
  statusCode: string;
  statusMessage: string | null;
  printer: Record<string, unknown>;
  job: Record<string, unknown>;
}

/** Sends one IPP request to `printerUri` and reads the reply; throws PrintError for transport failures. */
export type IppSender = (printerUri: string, call: IppCall) => Promise<IppReply>;

/** ipp://host[:631]/path → the HTTP(S) URL the request goes to; a PrintError `fatal` for anything else. */
export function ippEndpoint(printerUri: string): URL {
  let url: URL;
  try {
    url = new URL(printerUri);
  } catch {
    url = new URL('invalid:');
  }
  const scheme = { 'ipp:': 'http:', 'http:': 'http:', 'ipps:': 'https:', 'https:': 'https:' }[url.protocol];
  if (!scheme || !url.hostname) {
    throw new PrintError(`"${printerUri}" is not an IPP queue address: write ipp://host:631/printers/<queue>`, 'fatal', 'error');
  }
  const endpoint = new URL(url.href.replace(/^[a-z]+:/, scheme));
  if (!url.port) endpoint.port = '631';
  return endpoint;
}

const groupOf = (m: IppMessage, name: string): Record<string, unknown> => {
  const g = m[name];
  // A reply may carry a group more than once (several jobs): the first is the one asked about.
  const first = Array.isArray(g) ? g[0] : g;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : {};
};

/**
 * The IPP client: `ipp`'s serializer and parser over Node's HTTP, bounded by `timeoutMs` per request
 * (the library's own request has no timeout and logs to the console).
 */
export function ippSender(timeoutMs = 10_000): IppSender {
  return (printerUri, call) => {
    const endpoint = ippEndpoint(printerUri);
    const message: IppMessage = {
      version: '2.0',
      operation: call.operation,
      'operation-attributes-tag': {
        'attributes-charset': 'utf-8',
        'attributes-natural-language': 'en',
        // The queue's name in IPP terms, whichever scheme the address was written with.
        'printer-uri': printerUri.replace(/^http(s?):/, 'ipp$1:'),
        ...call.attributes,
      },
      ...(call.data ? { data: Buffer.from(call.data.buffer, call.data.byteOffset, call.data.byteLength) } : {}),
    };
    const body = ipp.serialize(message);
    const where = `${endpoint.host}${endpoint.pathname}`;
    return new Promise<IppReply>((resolve, reject) => {
      const send = endpoint.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/ipp', 'content-length': body.length },
        signal: AbortSignal.timeout(timeoutMs),
      });
      req.once('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOTFOUND')
          return reject(new PrintError(`No host ${endpoint.hostname}: check the queue's address`, 'fatal', 'offline'));
        const why = e.name === 'AbortError' || e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e.code ?? e.message);
        reject(new PrintError(`The print server at ${where} does not answer (${why})`, 'retry', 'offline'));
      });
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('error', (e) => req.destroy(e));
        res.once('end', () => {
          if (res.statusCode !== 200) {
            // 401/403: the queue wants a user; 426: encryption. Neither passes by waiting.
            const kind = (res.statusCode ?? 500) >= 500 ? 'retry' : 'fatal';
            return reject(
              new PrintError(`The print server at ${where} answered HTTP ${res.statusCode}`, kind, kind === 'retry' ? 'offline' : 'error'),
            );
          }
          try {
            const reply = ipp.parse(Buffer.concat(chunks));
            const op = groupOf(reply, 'operation-attributes-tag');
            resolve({
              statusCode: String(reply.statusCode ?? 'unknown'),
              statusMessage: typeof op['status-message'] === 'string' ? op['status-message'] : null,
              printer: groupOf(reply, 'printer-attributes-tag'),
              job: groupOf(reply, 'job-attributes-tag'),
            });
          } catch (e) {
            reject(new PrintError(`The print server at ${where} sent a reply that is not IPP (${String(e)})`, 'retry', 'error'));
          }
        });
      });
      req.end(body);
    });
  };
}
