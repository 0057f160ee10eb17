import { createHash, randomUUID } from 'node:crypto';
import { AppError, IMPORT_MAX_BYTES, type importsContract } from '../../../shared';
import { failedRowCells, getImportRows, getImportSummary, insertImport, listImports } from './import.store';
import { detectFormat } from './rows/file-rows';
import { failedRowsCsv } from './rows/failed-rows-csv';
import { IMPORT_FILE_JOB } from './workflows/import-file';
import type { HandlersFor } from '../../kernel/define-module';

const notFound = (id: string) => new AppError('NOT_FOUND', `No import with id ${id}; pick one from the import history`);

/** Bulk import: the file is kept and queued in the request; the `import-file` job does the work. */
export const importsHandlers: HandlersFor<keyof typeof importsContract> = {
  'imports.upload': async (ctx, { fileName, contentBase64 }, actor) => {
    const content = Buffer.from(contentBase64, 'base64');
    if (content.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'The file is empty; choose a CSV or XLSX file with a header row and order lines', [
        { path: 'contentBase64', message: 'empty file' },
      ]);
    }
    if (content.length > IMPORT_MAX_BYTES) {
      throw new AppError(
        'VALIDATION_FAILED',
        `The file is ${(content.length / 1024 / 1024).toFixed(1)} MB, over the ${IMPORT_MAX_BYTES / 1024 / 1024} MB limit of the desk; split it, or drop it in the watched import folder (ATALAYA_IMPORT_DIR)`,
        [{ path: 'contentBase64', message: `larger than ${IMPORT_MAX_BYTES} bytes` }],
      );
    }
    const format = detectFormat(fileName, content.subarray(0, 512));
    if (!format) {
      throw new AppError(
        'VALIDATION_FAILED',
        `"${fileName}" is neither CSV nor XLSX; export the sheet as CSV (UTF-8) or save it as an Excel workbook (.xlsx)`,
        [{ path: 'fileName', message: 'unsupported file type' }],
      );
    }
    const summary = await insertImport(ctx.ds, {
      id: randomUUID(),
      fileName,
      format,
      source: 'desk',
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
      actor,
    });
    // The import is saved: a queue that cannot take its job now (Redis away) does not make the upload
    // fail, or a user who retries gets it twice. The job is sent when the queue is back, or the import
    // sweeper runs an import left queued.
    await ctx.queue
      .enqueue(IMPORT_FILE_JOB, summary.id)
      .catch((err) => ctx.log.warn({ err, importId: summary.id }, 'import saved but not queued; the import sweeper will run it'));
    return summary;
  },
  'imports.list': (ctx, { limit }) => listImports(ctx.ds, limit),
  'imports.get': async (ctx, { id, status, offset, limit }) => {
    const summary = await getImportSummary(ctx.ds, id);
    if (!summary) throw notFound(id);
    const { rows, total } = await getImportRows(ctx.ds, id, { status, offset, limit });
    return { import: summary, rows, totalRows: total };
  },
  'imports.failedRowsCsv': async (ctx, { id }) => {
    const summary = await getImportSummary(ctx.ds, id);
    if (!summary) throw notFound(id);
    const rows = await failedRowCells(ctx.ds, id);
    const base = summary.fileName.replace(/\.(csv|xlsx|txt|tsv)$/i, '');
    return { fileName: `${base}-failed-rows.csv`, csv: failedRowsCsv(rows), rows: rows.length };
  },
};
