import { z } from 'zod';

/** The master data that can be imported and exported as a spreadsheet. */
export const masterDataKind = z.enum(['items', 'warehouses', 'suppliers', 'customers']);
export type MasterDataKind = z.infer<typeof masterDataKind>;

/** The spreadsheet formats an import takes and an export gives. */
export const spreadsheetFormat = z.enum(['csv', 'xlsx']);
export type SpreadsheetFormat = z.infer<typeof spreadsheetFormat>;

/** Options of an import: `dryRun=true` previews it and writes nothing. */
export const importQuery = z.object({
  dryRun: z.enum(['true', 'false', '1', '0']).optional().meta({
    description: 'true: validate every row and answer what would happen, writing nothing',
  }),
});

/** What an import does with a row: create a record, update the one with its code, or leave it. */
export const importAction = z.enum(['create', 'update', 'unchanged']);
export type ImportAction = z.infer<typeof importAction>;

/** A bad cell (or row): the spreadsheet row (the header is row 1), its column and field, and why. */
export const importError = z.object({
  row: z.number(),
  column: z.string().nullable().meta({ description: 'The column as headed in the file' }),
  field: z.string().nullable().meta({ description: 'The field of the create / update body' }),
  message: z.string(),
});
export type ImportError = z.infer<typeof importError>;

/** One row of an import: where it is, which record it names, what it does and what is wrong with it. */
export const importRow = z.object({
  row: z.number(),
  code: z.string().meta({ description: 'The SKU or code the row names' }),
  action: importAction,
  errors: z.array(importError),
});
export type ImportRow = z.infer<typeof importRow>;

/** The answer of an import or its preview. */
export const importResult = z.object({
  kind: masterDataKind,
  dryRun: z.boolean(),
  rows: z.array(importRow),
  counts: z.object({
    create: z.number(),
    update: z.number(),
    unchanged: z.number(),
    errors: z.number().meta({ description: 'Rows with at least one error' }),
  }),
});
export type ImportResult = z.infer<typeof importResult>;

/** How an export is asked for: the format, and the language of the column headings. */
export const exportQuery = z.object({
  format: spreadsheetFormat.optional().meta({ description: 'csv (default) or xlsx' }),
  headers: z
    .enum(['en', 'zh-CN'])
    .optional()
    .meta({ description: 'Column headings: field names (en, default) or Chinese; an import takes both' }),
});
