import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ready } from 'zpl-renderer-js';

/**
 * Reads printed documents back the way a person and a scanner would: ZPL drawn to a PNG by
 * zpl-renderer-js (a Zebra emulator), PDFs rasterised by pdftoppm and read by pdftotext, and every
 * barcode on the pictures decoded by zbarimg.
 */
const run = promisify(execFile);
const INSTALL = 'install poppler-utils zbar-tools (.ci/cups-setup does)';

/** Fails (never skips) when a tool is missing, saying how to get it. */
export async function requireDecodeTools(): Promise<void> {
  for (const tool of ['pdftoppm', 'pdftotext', 'zbarimg']) {
    try {
      await run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      throw new Error(`${tool} is missing: ${INSTALL}`);
    }
  }
}

/** A temporary folder for one test file's pictures; `cleanup` removes it. */
export async function scratchDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'atalaya-docs-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Draws a 4×6 ZPL label as a PNG at the printer's resolution (8 dots/mm at 203 dpi, 12 at 300). */
export async function zplToPng(zpl: string, dpi: 203 | 300, file: string): Promise<string> {
  const { api } = await ready;
  const png = await api.zplToBase64Async(zpl, 101.6, 152.4, dpi === 203 ? 8 : 12);
  await writeFile(file, Buffer.from(png, 'base64'));
  return file;
}

/** Rasterises every page of a PDF at `resolution` dpi; returns the PNGs in page order. */
export async function pdfToPngs(pdf: Uint8Array, dir: string, name: string, resolution = 200): Promise<string[]> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  await run('pdftoppm', ['-r', String(resolution), '-png', file, join(dir, name)]);
  const pages = (await readdir(dir)).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  // pdftoppm numbers pages name-1.png … (zero-padded when there are many): sort by the number.
  return pages.sort((a, b) => pageNo(a) - pageNo(b)).map((f) => join(dir, f));
}
const pageNo = (f: string) => Number(/-(\d+)\.png$/.exec(f)?.[1] ?? 0);

/** The text of a PDF, laid out as on the page (pdftotext -layout). */
export async function pdfText(pdf: Uint8Array, dir: string, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export interface Decoded {
  /** zbar's name of the symbology: CODE-128, QR-Code… */
  type: string;
  data: string;
}

/** Every barcode zbarimg finds in the pictures (none → an empty list, not an error). */
export async function decodeBarcodes(...pngs: string[]): Promise<Decoded[]> {
  const stdout = await run('zbarimg', ['-q', ...pngs], { maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => r.stdout,
    (e: { code?: number; stdout?: string }) => {
      // zbarimg exits 4 when it found nothing; anything else is a real failure.
      if (e.code !== 4) throw e;
      return e.stdout ?? '';
    },
  );
  return stdout
    .split('\n')
    .filter((l) => l.includes(':'))
    .map((l) => ({ type: l.slice(0, l.indexOf(':')), data: l.slice(l.indexOf(':') + 1) }));
}
