import ExcelJS from 'exceljs';
import { invalid } from '../../http/problem';

/** The content type of an XLSX workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A sheet as text: the first row holds the column headings. */
export type Sheet = string[][];

/** Text of a CSV file: UTF-8 (with or without BOM), else GB18030 as Excel in Chinese saves it. */
function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/** The separator of a CSV file: a comma, unless its first line uses semicolons or tabs instead. */
function separatorOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => first.split(c).length;
  const candidates = [',', ';', '\t'].sort((a, b) => count(b) - count(a));
  return candidates[0] ?? ',';
}

/** Parses CSV text (RFC 4180: quoted fields may hold separators, quotes and line breaks). */
export function parseCsv(text: string): Sheet {
  const separator = separatorOf(text);
  const rows: Sheet = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Reads the first worksheet of an XLSX workbook as text, cell by cell as the sheet shows it. */
async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid([{ path: 'body', message: 'is not an XLSX workbook' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Sheet = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(row.getCell(c).text ?? '');
    rows.push(cells);
  }
  return rows;
}

/** A file's sheet, by its content type: CSV or XLSX. */
export function readSheet(bytes: Buffer, contentType: string): Promise<Sheet> {
  return contentType.startsWith(XLSX_TYPE) ? readXlsx(bytes) : Promise.resolve(parseCsv(decodeCsv(bytes)));
}

/** A workbook of one sheet: a bold heading row, then every cell as text (codes stay codes, not numbers). */
export async function writeXlsx(name: string, columns: readonly string[], rows: readonly string[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  sheet.addRow([...columns]).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(10, ...rows.map((r) => (r[i] ?? '').length + 2)));
    column.numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
