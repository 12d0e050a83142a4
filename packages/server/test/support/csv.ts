/** The lines of a CSV download, without its byte-order mark and final line break. */
export function csvLines(body: unknown): string[] {
  return String(body)
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
}
