import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { NotifierError } from '../../ports/notifier.port';
import { retryAfterMs } from '../carriers/carrier-http';

/**
 * The one outbound HTTP client of the HTTP notifiers (WhatsApp, SMS, merchant webhooks). It is
 * node:http(s) with a keep-alive agent of its own rather than the global fetch, for two reasons the
 * port asks for: `close()` really closes this provider's sockets (the global fetch's pool belongs to
 * the process), and redirects are never followed (a webhook must reach the URL the merchant gave,
 * not wherever a 30x points). One call = one request: no retries here, the notification worker owns
 * them. A request that cannot be made or does not finish within the timeout is a `retry`
 * {@link NotifierError}; every answer, whatever its status, is returned for the provider to classify.
 */

export interface NotifyHttpOptions {
  /** The longest one request may take, from connecting to the answer's last byte. */
  timeoutMs: number;
  /** Sockets kept per origin (keep-alive): more parallel sends to one host wait for a free one. */
  maxSockets: number;
}

export const DEFAULT_NOTIFY_HTTP: NotifyHttpOptions = { timeoutMs: 10_000, maxSockets: 10 };

export interface NotifyRequest {
  /** Names the call in messages ("WhatsApp send", "webhook shipment.delivered"). */
  what: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface NotifyResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The answer's body as text, cut at {@link MAX_BODY} bytes (providers read small JSON or an excerpt). */
  text: string;
}

/** More of an answer is never needed: error bodies are excerpted, success bodies are a few ids. */
const MAX_BODY = 64 * 1024;

/** The answer's body shortened for messages and the delivery log (whitespace collapsed, 300 characters). */
export function excerpt(text: string, max = 300): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** "HTTP 503: <excerpt>" — the provider's reply as the delivery log records it. */
export function replyLine(res: NotifyResponse): string {
  const body = excerpt(res.text);
  return body ? `HTTP ${res.status}: ${body}` : `HTTP ${res.status}`;
}

/** The answer's Retry-After as milliseconds (delta-seconds or an HTTP date), if it sent one. */
export function retryAfter(res: NotifyResponse): number | undefined {
  const v = res.headers['retry-after'];
  return retryAfterMs(Array.isArray(v) ? (v[0] ?? null) : (v ?? null));
}

export class NotifyHttp {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private closed = false;

  constructor(private readonly opts: NotifyHttpOptions = DEFAULT_NOTIFY_HTTP) {
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: opts.maxSockets });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: opts.maxSockets });
  }

  /** POSTs `body`; resolves with any answer, throws a `retry` NotifierError when there is none in time. */
  post(req: NotifyRequest): Promise<NotifyResponse> {
    if (this.closed) return Promise.reject(new NotifierError(`${req.what}: the provider was closed`, 'retry'));
    if (!URL.canParse(req.url)) return Promise.reject(new NotifierError(`${req.what}: the configured URL is not a URL`, 'config'));
    const url = new URL(req.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return Promise.reject(new NotifierError(`${req.what}: only http and https URLs can be called, not ${url.protocol}`, 'config'));
    }
    const https = url.protocol === 'https:';
    // The host only: a URL's path or query may carry a token, and messages end up in logs.
    const where = url.host;
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    return new Promise<NotifyResponse>((resolve, reject) => {
      let settled = false;
      const fail = (e: Error & { code?: string }) => {
        if (settled) return;
        settled = true;
        const message = signal.aborted
          ? `${req.what}: ${where} did not answer within ${Math.round(this.opts.timeoutMs / 100) / 10} s`
          : `${req.what}: ${where} could not be reached (${e.code ?? e.message})`;
        reject(new NotifierError(message, 'retry'));
      };
      const send = https ? httpsRequest : httpRequest;
      let r: ReturnType<typeof send>;
      try {
        r = send(
          url,
          {
            method: 'POST',
            agent: https ? this.httpsAgent : this.httpAgent,
            headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
            signal,
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (c: Buffer) => {
              if (size < MAX_BODY) chunks.push(c);
              size += c.length;
            });
            res.on('error', fail);
            res.on('end', () => {
              if (settled) return;
              settled = true;
              const text = Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8');
              resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
            });
          },
        );
      } catch (e) {
        // A header Node refuses (a control character in a value): no request left our side.
        settled = true;
        reject(new NotifierError(`${req.what}: the request could not be built (${(e as Error).message})`, 'failed'));
        return;
      }
      r.on('error', fail);
      r.end(req.body);
    });
  }

  /** Closes every socket of this client, idle or busy; later posts fail with `retry`. */
  close(): Promise<void> {
    this.closed = true;
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    return Promise.resolve();
  }
}
