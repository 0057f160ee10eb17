import { mkdirSync } from 'node:fs';
import type { importsContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';
import { importsHandlers } from './imports.handlers';
import { watchImportFolder } from './workflows/folder-watcher';
import { IMPORT_FILE_JOB, importFile } from './workflows/import-file';

/** Bulk import: the `import-file` job, and the watched folder when `ATALAYA_IMPORT_DIR` is set (worker nodes only). */
export const importsModule = defineModule<keyof typeof importsContract>({
  name: 'imports',
  handlers: importsHandlers,
  jobs: (ctx) => ({ [IMPORT_FILE_JOB]: async (importId) => void (await importFile(ctx, importId)) }),
  // One file at a time per node keeps a big import from taking every database connection.
  concurrency: { [IMPORT_FILE_JOB]: 1 },
  loops: (ctx) => {
    const dir = ctx.config.importDir;
    if (!dir) return [];
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      ctx.log.error({ err, dir }, `ATALAYA_IMPORT_DIR ${dir} cannot be created; the import folder is not watched`);
      return [];
    }
    ctx.log.info(`Watching ${dir} for CSV/XLSX order imports`);
    return [watchImportFolder(ctx, dir, (id) => ctx.queue.enqueue(IMPORT_FILE_JOB, id))];
  },
});
