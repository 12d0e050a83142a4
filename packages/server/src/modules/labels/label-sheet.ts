import { existsSync } from 'node:fs';
import type { LabelLayout, Symbology } from '@onhand/contracts';
import PDFDocument from 'pdfkit';
import { barcodePng } from './barcodes';

/** One label: the code its barcode holds and the lines of text under it. */
export interface Label {
  code: string;
  lines: string[];
}

const MM = 72 / 25.4;
const A4: [number, number] = [210 * MM, 297 * MM];

/** The page and grid of each layout. */
const LAYOUTS: Record<LabelLayout, { page: [number, number]; columns: number; rows: number }> = {
  'a4-3x8': { page: A4, columns: 3, rows: 8 },
  'a4-2x7': { page: A4, columns: 2, rows: 7 },
  'a4-4x10': { page: A4, columns: 4, rows: 10 },
  'label-60x40': { page: [60 * MM, 40 * MM], columns: 1, rows: 1 },
};

/** How many labels a page of a layout holds. */
export const labelsPerPage = (layout: LabelLayout): number => LAYOUTS[layout].columns * LAYOUTS[layout].rows;

/** CJK fonts found on Debian (fonts-wqy-microhei, fonts-noto-cjk), with the face to use in a collection. */
const CJK_FONTS = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
];

/** Selects the first CJK font installed, so that Chinese names print; Helvetica (Latin only) otherwise. */
function useTextFont(doc: PDFKit.PDFDocument): void {
  const font = CJK_FONTS.find((f) => existsSync(f.path));
  if (font) doc.font(font.path, font.face);
  else doc.font('Helvetica');
}

/** A PDF of labels laid out in the layout's grid, page after page, each label `copies` times. */
export async function labelSheet(
  labels: readonly Label[],
  options: { symbology: Symbology; layout: LabelLayout; copies: number },
): Promise<Buffer> {
  const { page, columns, rows } = LAYOUTS[options.layout];
  const doc = new PDFDocument({ size: page, margin: 0, autoFirstPage: false, info: { Title: 'Labels' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  useTextFont(doc);
  const width = page[0] / columns;
  const height = page[1] / rows;
  const pad = Math.min(4 * MM, height / 10);
  // As data URIs the images are embedded once each, however many labels show them.
  const images = new Map<string, string>();
  const all = labels.flatMap((label) => Array.from({ length: options.copies }, () => label));
  for (const [i, label] of all.entries()) {
    const slot = i % (columns * rows);
    if (slot === 0) doc.addPage({ size: page, margin: 0 });
    const x = (slot % columns) * width + pad;
    const y = Math.floor(slot / columns) * height + pad;
    const innerWidth = width - 2 * pad;
    const textHeight = Math.min(label.lines.length * 9, (height - 2 * pad) / 2);
    const png =
      images.get(label.code) ??
      `data:image/png;base64,${(await barcodePng(options.symbology, label.code)).toString('base64')}`;
    images.set(label.code, png);
    doc.image(png, x, y, {
      fit: [innerWidth, height - 2 * pad - textHeight],
      align: 'center',
      valign: 'center',
    });
    doc.fontSize(7);
    label.lines.forEach((line, n) => {
      doc.text(line, x, y + height - 2 * pad - textHeight + n * 9, {
        width: innerWidth,
        height: 9,
        align: 'center',
        lineBreak: false,
        ellipsis: true,
      });
    });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
