import type { FastifyReply } from 'fastify';

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote anything a spreadsheet could misread; neutralise formula injection.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Sends rows as a CSV download (UTF-8 with BOM, so spreadsheets read Chinese correctly). */
export function sendCsv(
  reply: FastifyReply,
  filename: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): FastifyReply {
  const lines = [columns.map(cell).join(','), ...rows.map((r) => r.map(cell).join(','))];
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .serializer((s: unknown) => String(s))
    .send(`\uFEFF${lines.join('\r\n')}\r\n`);
}
