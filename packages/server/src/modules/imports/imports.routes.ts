import {
  exportQuery,
  importQuery,
  importResult,
  type MasterDataKind,
  masterDataKind,
  problem,
} from '@onhand/contracts';
import { z } from 'zod';
import { type App, principal, sendResult } from '../../http/app';
import { sendCsv } from '../../http/csv';
import type { Services } from '../../services';
import { auditedChanges } from '../audit/audited-write';
import type { Permission } from '../auth/permissions';
import { COLUMNS } from './master-data-columns';
import { readSheet, writeXlsx, XLSX_TYPE } from './spreadsheet';

/** Import files above this are refused with `413 payload_too_large`. */
export const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;

/** The permission that creates each kind, and so imports it. */
const MANAGE: Record<MasterDataKind, Permission> = {
  items: 'item.manage',
  warehouses: 'warehouse.manage',
  suppliers: 'supplier.manage',
  customers: 'customer.manage',
};

const spreadsheetBody = z
  .custom<Buffer>((body) => Buffer.isBuffer(body), { error: 'must be a CSV or XLSX file' })
  .meta({ type: 'string', format: 'binary', description: 'The file: text/csv (UTF-8 or GB18030) or XLSX' });

/** An export's file: CSV (UTF-8 with BOM) or an XLSX workbook. */
const exportFile = z
  .custom<Buffer | string>()
  .meta({ type: 'string', format: 'binary', description: 'text/csv, or XLSX with format=xlsx' });

/** `POST /api/v1/imports/{kind}` (preview with `dryRun=true`) and `GET /api/v1/exports/{kind}`. */
export function registerImportRoutes(app: App, s: Services): void {
  // The file formats are accepted by these routes only, with a larger body limit than JSON's.
  void app.register(async (files: App) => {
    files.addContentTypeParser(
      ['text/csv', XLSX_TYPE],
      { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    for (const kind of masterDataKind.options) registerImport(files, s, kind);
  });
  for (const kind of masterDataKind.options) registerExport(app, s, kind);
}

function registerImport(app: App, s: Services, kind: MasterDataKind): void {
  app.post(
    `/api/v1/imports/${kind}`,
    {
      bodyLimit: IMPORT_LIMIT_BYTES,
      config: { permission: MANAGE[kind] },
      schema: {
        tags: ['imports'],
        summary: `Import ${kind} from CSV or XLSX: all rows or none; dryRun=true previews`,
        consumes: ['text/csv', XLSX_TYPE],
        querystring: importQuery,
        body: spreadsheetBody,
        response: { 200: importResult, 400: problem, 413: problem, 422: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const sheet = await readSheet(request.body, request.headers['content-type'] ?? '');
      const dryRun = request.query.dryRun === 'true' || request.query.dryRun === '1';
      if (dryRun) return s.imports.preview(kind, sheet, p.warehouses);
      const result = await auditedChanges(s, request, (trx) => s.imports.apply(trx, kind, sheet, p));
      return sendResult(reply, result);
    },
  );
}

function registerExport(app: App, s: Services, kind: MasterDataKind): void {
  app.get(
    `/api/v1/exports/${kind}`,
    {
      config: { permission: 'stock.read' },
      schema: {
        tags: ['imports'],
        summary: `Export ${kind} as CSV or XLSX, in the columns the import takes`,
        querystring: exportQuery,
        response: { 200: exportFile, 400: problem },
      },
    },
    async (request, reply) => {
      const rows = await s.imports.export(kind, principal(request).warehouses);
      const columns = COLUMNS[kind].map((c) => (request.query.headers === 'zh-CN' ? c.zh : c.field));
      const name = `${kind}-${new Date(s.clock()).toISOString().slice(0, 10)}`;
      if (request.query.format !== 'xlsx') return sendCsv(reply, `${name}.csv`, columns, rows);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await writeXlsx(kind, columns, rows));
    },
  );
}
