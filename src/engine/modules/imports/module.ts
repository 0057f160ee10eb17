import { mkdirSync } from 'node:fs';
import type { importsContract } from '../../../shared';
import type { ModuleContext } from '../../kernel/context';
import { defineModule } from '../../kernel/define-module';
import { importsHandlers } from './imports.handlers';
import { watchImportFolder } from './workflows/folder-watcher';
import { IMPORT_FILE_JOB, importFile } from './workflows/import-file';
import { startImportSweeper } from './workflows/import-sweeper';

/** Per engine: aborted when its loops stop, so a running import stops at the next order and is resumed later. */
const closing = new WeakMap<ModuleContext, AbortController>();
const closingOf = (ctx: ModuleContext) => {
  let c = closing.get(ctx);
  if (!c) closing.set(ctx, (c = new AbortController()));
  return c;
};

/**
 * Bulk import: the `import-file` job, the sweeper that finishes imports whose worker died, and the
 * watched folder when `ATALAYA_IMPORT_DIR` is set (worker nodes only).
 */
export const importsModule = defineModule<keyof typeof importsContract>({
  name: 'imports',
  handlers: importsHandlers,
  jobs: (ctx) => ({ [IMPORT_FILE_JOB]: async (importId) => void (await importFile(ctx, importId, { signal: closingOf(ctx).signal })) }),
  // One file at a time per node keeps a big import from taking every database connection.
  concurrency: { [IMPORT_FILE_JOB]: 1 },
  loops: (ctx) => {
    const sweeper = startImportSweeper(ctx, closingOf(ctx));
    const dir = ctx.config.importDir;
    if (!dir) return [sweeper];
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      ctx.log.error({ err, dir }, `ATALAYA_IMPORT_DIR ${dir} cannot be created; the import folder is not watched`);
      return [sweeper];
    }
    ctx.log.info(`Watching ${dir} for CSV/XLSX order imports`);
    return [sweeper, watchImportFolder(ctx, dir, (id) => ctx.queue.enqueue(IMPORT_FILE_JOB, id))];
  },
});
