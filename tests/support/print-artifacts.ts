import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What printed, read back as a person would: the text of a PDF that reached the cups-pdf queue
 * (pdftotext), and the barcodes on a ZPL label (zpl-renderer-js draws it to a PNG, zbarimg reads
 * the codes back). A missing tool fails with how to install it — never a silent skip.
 */

/** Where the CUPS test queue `atalaya-pdf` writes its PDFs (.ci/cups-setup). */
export const CUPS_PDF_DIR = '/var/spool/cups-pdf/atalaya';
/** The cups-pdf queue as an IPP printer address. */
export const CUPS_PDF_QUEUE = 'ipp://127.0.0.1:631/printers/atalaya-pdf';

function run(cmd: string, args: string[], install: string): { stdout: string; status: number | null } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${cmd} is missing: install it with ${install}`);
  return { stdout: r.stdout ?? '', status: r.status };
}

/** The text of a PDF, laid out as on the page. */
export function pdfText(path: string): string {
  const r = run('pdftotext', ['-layout', path, '-'], 'apt-get install -y poppler-utils');
  if (r.status !== 0) throw new Error(`pdftotext could not read ${path}`);
  return r.stdout;
}

/** Every barcode zbarimg finds in an image (raw values); none found is an empty list. */
export function imageBarcodes(pngPath: string): string[] {
  const r = run('zbarimg', ['--raw', '-q', pngPath], 'apt-get install -y zbar-tools');
  // zbarimg exits 4 when the image holds no barcode.
  if (r.status !== 0 && r.status !== 4) throw new Error(`zbarimg failed on ${pngPath} (exit ${r.status})`);
  return r.stdout
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Draws a ZPL label (4×6 at `dpmm` dots per mm: 8 = 203 dpi) to a PNG — kept at `keepAs` when given,
 * so a person can look at it — and returns the barcodes read back from it.
 */
export async function zplBarcodes(zpl: string, o: { dpmm?: number; keepAs?: string } = {}): Promise<string[]> {
  const { ready } = await import('zpl-renderer-js');
  const { api } = await ready;
  const png = Buffer.from(await api.zplToBase64Async(zpl, 101.6, 152.4, o.dpmm ?? 8), 'base64');
  const dir = mkdtempSync(join(tmpdir(), 'atalaya-zpl-'));
  try {
    const path = o.keepAs ?? join(dir, 'label.png');
    writeFileSync(path, png);
    return imageBarcodes(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Waits (polling, bounded) for a PDF in `dir` written after `since` whose text satisfies `match`
 * (other tests print to the same queue). A file still being written is read again on the next poll.
 */
export async function waitForPdf(
  match: (text: string) => boolean,
  o: { since: number; dir?: string; timeoutMs?: number },
): Promise<{ path: string; text: string }> {
  const dir = o.dir ?? CUPS_PDF_DIR;
  if (!existsSync(dir)) throw new Error(`${dir} does not exist: run .ci/cups-setup (it creates the cups-pdf queue atalaya-pdf)`);
  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  const seen: string[] = [];
  for (;;) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.pdf'))) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.mtimeMs < o.since - 1000 || st.size === 0) continue;
      let text: string;
      try {
        text = pdfText(path);
      } catch {
        continue; // still being written
      }
      if (match(text)) return { path, text };
      if (!seen.includes(name)) seen.push(name);
    }
    if (Date.now() > deadline)
      throw new Error(
        `No matching PDF reached ${dir} in time (new files seen: ${seen.join(', ') || 'none'}); is cupsd running (lpstat -p)?`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A GTIN-13 with its check digit, from 12 digits. */
export function gtin13(twelve: string): string {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}
