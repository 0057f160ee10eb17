import { mkdirSync } from 'node:fs';
import type { EngineModule } from '../engine-module';
import { watchImportFolder } from '../adapters/import/folder-watcher';
import { IMPORT_FILE_JOB, importFile } from './import-file';

/** Bulk import: the `import-file` job, and the watched folder when `ATALAYA_IMPORT_DIR` is set (worker nodes only). */
export const importModule: EngineModule = {
  name: 'imports',
  jobs: (ctx) => ({ [IMPORT_FILE_JOB]: async (importId) => void (await importFile(ctx, importId)) }),
  // One file at a time per node keeps a big import from taking every database connection.
  concurrency: { [IMPORT_FILE_JOB]: 1 },
  background: (ctx) => {
    const dir = ctx.config.importDir;
    if (!dir) return { stop: () => undefined };
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      ctx.log.error({ err, dir }, `ATALAYA_IMPORT_DIR ${dir} cannot be created; the import folder is not watched`);
      return { stop: () => undefined };
    }
    ctx.log.info(`Watching ${dir} for CSV/XLSX order imports`);
    return watchImportFolder(ctx, dir, (id) => ctx.queue.enqueue(IMPORT_FILE_JOB, id));
  },
};
