import { constants } from 'node:fs';
import { access, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { PrinterHealth } from '../../../shared';
import { PrintError, type PrinterTarget, type PrinterTransport, type RenderedDocument } from '../../ports/printer.port';

type Health = Omit<PrinterHealth, 'checkedAt'>;

/** The day's folder name, in the station's local time (what the people beside the folder call today). */
export function dayFolder(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** A job id as a file name: nothing that could leave the folder or trip a file system. */
export const safeFileName = (jobId: string) =>
  jobId
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120) || 'job';

/** The folder must be an absolute path; anything else is a configuration mistake no retry fixes. */
function root(printer: PrinterTarget): string {
  if (!isAbsolute(printer.address)) {
    throw new PrintError(`"${printer.address}" is not an absolute folder path: write the full path, e.g. /srv/labels`, 'fatal', 'error');
  }
  return printer.address;
}

async function writableFolder(path: string): Promise<Health> {
  try {
    if (!(await stat(path)).isDirectory()) return { state: 'error', detail: `${path} is a file, not a folder` };
    await access(path, constants.W_OK);
    return { state: 'ready', detail: null };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'offline', detail: `${path} does not exist (a mount away, or the folder not created yet)` };
    if (code === 'EACCES' || code === 'EPERM') return { state: 'error', detail: `Atalaya may not write to ${path}` };
    return { state: 'offline', detail: `${path}: ${code ?? String(e)}` };
  }
}

/**
 * A "printer" that is a folder: each job becomes `<folder>/<yyyy-mm-dd>/<jobId>.<pdf|zpl>`, for a
 * print server, a label robot or a person to pick up. Written to a temporary name and renamed, so
 * whoever watches the folder never reads half a file. The folder itself is not created: a missing
 * folder is usually a mount that is away, and the job waits for it.
 */
export function folderTransport(clock: () => Date = () => new Date()): PrinterTransport {
  return {
    transport: 'folder',

    async send(printer: PrinterTarget, doc: RenderedDocument) {
      const base = root(printer);
      const health = await writableFolder(base);
      if (health.state !== 'ready') throw new PrintError(`${printer.name}: ${health.detail}`, 'retry', health.state);
      const day = join(base, dayFolder(clock()));
      const file = join(day, `${safeFileName(doc.jobId)}.${doc.format}`);
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(day, { recursive: true });
        await writeFile(tmp, doc.bytes);
        await rename(tmp, file);
      } catch (e) {
        await rm(tmp, { force: true }).catch(() => undefined);
        const code = (e as NodeJS.ErrnoException).code ?? String(e);
        // A full disk or a mount that went away mid-write may pass; the job tries again.
        throw new PrintError(`${printer.name}: could not write ${file} (${code})`, 'retry', 'error');
      }
      return { receipt: file };
    },

    async health(printer: PrinterTarget): Promise<Health> {
      try {
        return await writableFolder(root(printer));
      } catch (e) {
        return { state: 'error', detail: (e as Error).message };
      }
    },
  };
}
