import { z } from 'zod';
import { ReasonRefSchema } from './reasons';

/** The largest file the desk may send through the contract (raw bytes, before base64). Larger files go to the watched folder. */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;
/** base64 grows 4/3; a little slack for padding. */
const BASE64_MAX = Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 4;

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const IMPORT_ROW_STATUSES = ['imported', 'duplicate', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/** One import of one file: where it came from and how far it got. */
export const ImportSummarySchema = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS),
  source: z.enum(['desk', 'folder']),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  status: z.enum(IMPORT_STATUSES),
  /** 0..1, by bytes read of the file. */
  progress: z.number(),
  rowsRead: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  /** Why the whole file failed (unreadable, missing columns), when status is `failed`. */
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

/** One line of the report: a file row (line numbers as a spreadsheet shows them; the header is line 1). */
export const ImportRowSchema = z.object({
  line: z.number().int(),
  orderId: z.string().nullable(),
  status: z.enum(IMPORT_ROW_STATUSES),
  /** The column at fault, when one is. */
  column: z.string().nullable(),
  /** What is wrong and how to fix it (failed), or which order it became (imported/duplicate). */
  reason: z.string().nullable(),
  /** `reason` as codes and parameters (src/shared/reasons.ts); null when it is not in the catalogue. */
  reasonCodes: z.array(ReasonRefSchema).nullable().optional(),
  /** Our order id, for imported and duplicate rows. */
  atalayaOrderId: z.string().nullable(),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

const id = z.string().uuid();

export const importsContract = {
  'imports.upload': {
    kind: 'command',
    roles: ['planner', 'supervisor', 'integrator'],
    input: z.object({
      fileName: z.string().trim().min(1).max(255),
      contentBase64: z
        .string()
        .min(1, 'the file is empty; choose a CSV or XLSX file with a header row and at least one order line')
        .max(
          BASE64_MAX,
          `the file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it, or drop it in the watched import folder (ATALAYA_IMPORT_DIR), which has no size limit`,
        )
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'contentBase64 must be standard base64 (A–Z, a–z, 0–9, +, /, = padding)'),
    }),
    output: ImportSummarySchema,
  },
  'imports.list': {
    kind: 'query',
    roles: ['planner', 'supervisor', 'integrator'],
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 }),
    output: z.array(ImportSummarySchema),
  },
  'imports.get': {
    kind: 'query',
    roles: ['planner', 'supervisor', 'integrator'],
    input: z.object({
      id,
      status: z.enum(IMPORT_ROW_STATUSES).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    output: z.object({ import: ImportSummarySchema, rows: z.array(ImportRowSchema), totalRows: z.number().int() }),
  },
  'imports.failedRowsCsv': {
    kind: 'query',
    roles: ['planner', 'supervisor', 'integrator'],
    input: z.object({ id }),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  },
} as const;
