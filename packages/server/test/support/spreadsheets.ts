import ExcelJS from 'exceljs';
import type { ApiResponse, TestServer } from './server';

/** The content type of an XLSX workbook. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows as CSV text (cells with commas or quotes quoted). */
export function csvOf(rows: readonly (readonly string[])[]): string {
  const cell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Rows as an XLSX workbook of one sheet. */
export async function xlsxOf(rows: readonly (readonly string[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('import');
  for (const row of rows) sheet.addRow([...row]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The cells of the first sheet of an XLSX workbook, as text. */
export async function rowsOfXlsx(bytes: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).text));
  });
  return rows;
}

/** Posts a file to an import route (CSV text or XLSX bytes), as the administrator unless told. */
export function importFile<T = Record<string, unknown>>(
  ts: TestServer,
  path: string,
  file: string | Uint8Array,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const contentType = typeof file === 'string' ? 'text/csv; charset=utf-8' : XLSX;
  return ts.api<T>('POST', path, undefined, {
    raw: file,
    headers: { 'content-type': contentType, ...options.headers },
    ...(options.token ? { token: options.token } : {}),
  });
}
