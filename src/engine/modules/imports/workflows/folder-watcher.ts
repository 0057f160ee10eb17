import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { watch } from 'chokidar';
import type { ImportSummary } from '../../../../shared';
import type { ModuleContext } from '../../../kernel/context';
import type { Actor } from '../../../../shared';
import { findFolderImport, getImportRows, getImportSummary, insertImport } from '../import.store';
import { detectFormat } from '../rows/file-rows';

export const FOLDER_ACTOR: Actor = { id: 'import-folder', name: 'Import folder', role: 'system' };
const EXTENSIONS = new Set(['.csv', '.xlsx', '.txt', '.tsv']);
const RECHECK_MS = 2000;

/** A free name in `dir` for `name` (a file of that name already there gets a time-stamped sibling). */
function freeName(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return join(dir, name);
  const ext = extname(name);
  return join(dir, `${basename(name, ext)}-${new Date().toISOString().replace(/[:.]/g, '-')}${ext}`);
}

/**
 * The watched import folder: a CSV or XLSX dropped in `dir` is kept and queued like a desk upload;
 * once its import finishes the file moves to `done/` (every row imported or already there) or
 * `failed/` (the file or any row failed), with its report beside it as `<file>.report.json`.
 * The job may run on any worker; this node moves the file when it hears the import has finished.
 */
export function watchImportFolder(
  ctx: ModuleContext,
  dir: string,
  enqueue: (importId: string) => Promise<void>,
): { stop(): Promise<void>; ready: Promise<void> } {
  const root = resolve(dir);
  const tracked = new Map<string, string>(); // import id → file path
  const finishing = new Set<string>();

  const finish = async (s: ImportSummary) => {
    const path = tracked.get(s.id);
    if (!path || finishing.has(s.id) || (s.status !== 'done' && s.status !== 'failed')) return;
    finishing.add(s.id);
    try {
      const ok = s.status === 'done' && s.failed === 0;
      const target = join(root, ok ? 'done' : 'failed');
      await mkdir(target, { recursive: true });
      const dest = freeName(target, basename(path));
      const { rows } = await getImportRows(ctx.ds, s.id, { offset: 0, limit: 1_000_000 });
      await writeFile(`${dest}.report.json`, JSON.stringify({ import: s, rows }, null, 2));
      await rename(path, dest);
      tracked.delete(s.id);
      ctx.log.info({ importId: s.id, file: dest }, `import folder: ${basename(path)} ${ok ? 'done' : 'had failures'}`);
    } catch (err) {
      ctx.log.warn({ err, importId: s.id, path }, 'import folder: could not move the finished file; will try again');
    } finally {
      finishing.delete(s.id);
    }
  };

  const pick = async (path: string) => {
    try {
      const content = await readFile(path);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const format = detectFormat(path, content.subarray(0, 512));
      if (!format || content.length === 0) {
        await mkdir(join(root, 'failed'), { recursive: true });
        const dest = freeName(join(root, 'failed'), basename(path));
        await writeFile(
          `${dest}.report.json`,
          JSON.stringify(
            { error: content.length ? 'neither CSV nor XLSX; export the sheet as CSV (UTF-8) or .xlsx' : 'the file is empty' },
            null,
            2,
          ),
        );
        await rename(path, dest);
        return;
      }
      // A restart finds the file still here: reuse its import instead of queueing it twice.
      const prior = await findFolderImport(ctx.ds, path, sha256);
      const summary =
        prior ??
        (await insertImport(ctx.ds, {
          id: randomUUID(),
          fileName: basename(path),
          format,
          source: 'folder',
          sourcePath: path,
          content,
          sha256,
          actor: FOLDER_ACTOR,
        }));
      tracked.set(summary.id, path);
      if (summary.status === 'done' || summary.status === 'failed') await finish(summary);
      else await enqueue(summary.id);
    } catch (err) {
      ctx.log.warn({ err, path }, 'import folder: could not take the file; it stays in place and is retried at the next start');
    }
  };

  const watcher = watch(root, {
    depth: 0,
    ignoreInitial: false,
    awaitWriteFinish: { stabilityThreshold: 400, pollInterval: 100 },
    ignored: (p, stats) => {
      const abs = resolve(p);
      if (abs === root) return false;
      if (dirname(abs) !== root || basename(abs).startsWith('.')) return true;
      return !!stats?.isFile() && !EXTENSIONS.has(extname(abs).toLowerCase());
    },
  });
  const ready = new Promise<void>((res) => watcher.once('ready', () => res()));
  watcher.on('add', (p) => void pick(resolve(p)));
  watcher.on('error', (err) => ctx.log.warn({ err }, 'import folder watcher error'));

  const offBus = ctx.bus.subscribe((e) => {
    if (e.type === 'import.progress' && tracked.has(e.importId) && (e.status === 'done' || e.status === 'failed')) {
      void getImportSummary(ctx.ds, e.importId).then((s) => s && finish(s));
    }
  });
  // Events can be missed (a restart, a dropped connection): look again at what is still tracked.
  const timer = setInterval(() => {
    for (const id of tracked.keys())
      void getImportSummary(ctx.ds, id)
        .then((s) => s && finish(s))
        .catch(() => undefined);
  }, RECHECK_MS);
  timer.unref();

  void mkdir(join(root, 'done'), { recursive: true }).catch(() => undefined);
  void mkdir(join(root, 'failed'), { recursive: true }).catch(() => undefined);
  return {
    ready,
    async stop() {
      clearInterval(timer);
      offBus();
      await watcher.close();
    },
  };
}
