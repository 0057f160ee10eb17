import type { LoopbackRequest, Reply } from '../loopback/loopback-server';
import type { InjectedFailure } from './harness';

/**
 * Injected failures for the Mercado Envíos, Envia and Melhor Envio loopback servers: the next
 * request(s) — or the next one matching a predicate, for tests that must fail one particular step
 * (Melhor Envio's checkout) — answer as the carrier does when it fails that way. A `timeout` is the
 * nasty case: the carrier DOES the work (buys, pays) and only the answer is late, past the client's
 * timeout — exactly when a retry must not buy twice.
 */

interface Pending {
  failure: InjectedFailure;
  retryAfterS: number;
  match?: (req: LoopbackRequest) => boolean;
}

/** How each carrier words a failure (its own error bodies). */
export type FailureReplies = (failure: Exclude<InjectedFailure, 'timeout'>, retryAfterS: number) => Reply;

export class LoopbackFaults {
  private pending: Pending[] = [];
  private readonly holds = new Set<() => void>();

  /** The next `times` requests (that `match`, when given) fail this way. */
  push(failure: InjectedFailure, opts: { times?: number; retryAfterS?: number; match?: (req: LoopbackRequest) => boolean } = {}): void {
    for (let i = 0; i < (opts.times ?? 1); i++) this.pending.push({ failure, retryAfterS: opts.retryAfterS ?? 30, match: opts.match });
  }

  /** Answers `req`: an injected failure, or `handle`'s reply (late, for a timeout). */
  async answer(req: LoopbackRequest, replies: FailureReplies, handle: () => Reply | Promise<Reply>): Promise<Reply> {
    const at = this.pending.findIndex((p) => !p.match || p.match(req));
    if (at < 0) return handle();
    const [fault] = this.pending.splice(at, 1);
    if (fault!.failure !== 'timeout') return replies(fault!.failure, fault!.retryAfterS);
    const reply = await handle();
    await this.hold();
    return reply;
  }

  /** Holds past any client timeout the tests use (1 s in the suite); released by `release` when the server stops. */
  private hold(ms = 4_000): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.holds.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.holds.add(done);
    });
  }

  release(): void {
    for (const done of [...this.holds]) done();
    this.pending = [];
  }
}

/** A tiny real PDF (what the conformance suite checks: `%PDF-`), naming the tracking number. */
export function pdfLabel(trackingNumber: string): Uint8Array {
  const text = `BT /F1 18 Tf 20 100 Td (${trackingNumber.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A ZPL II label with the tracking number as a Code 128 barcode. */
export function zplLabel(trackingNumber: string): string {
  return `^XA^CI28^FO40,40^A0N,30,30^FDAtalaya test label^FS^FO40,100^BY3^BCN,120,Y,N,N^FD${trackingNumber}^FS^XZ`;
}

/** The request's bearer token, or null. */
export const bearer = (req: LoopbackRequest): string | null => /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? null;
