import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

// The decoder's WebAssembly comes from the package, never from a CDN.
prepareZXingModule({
  overrides: {
    wasmBinary: new Uint8Array(
      readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm')),
    ).buffer,
  },
});

/** How many pages a PDF has. */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

/** A PNG chunk: length, type, data and CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB image as a PNG. */
function rgbPng(width: number, height: number, rgb: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const stride = width * 3;
  const rows = Buffer.concat(
    Array.from({ length: height }, (_, y) =>
      Buffer.concat([Buffer.from([0]), rgb.subarray(y * stride, (y + 1) * stride)]),
    ),
  );
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The colour images a PDF embeds (the barcodes; their grey alpha masks are left out), as PNGs. */
export function pdfImages(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const images: Buffer[] = [];
  for (const m of text.matchAll(/<<([\s\S]*?)>>\s*stream\r?\n/g)) {
    const dict = m[1] ?? '';
    if (!dict.includes('/Subtype /Image') || !dict.includes('/DeviceRGB')) continue;
    const number = (key: string) => Number(new RegExp(`/${key} (\\d+)`).exec(dict)?.[1]);
    const start = (m.index ?? 0) + m[0].length;
    const data = inflateSync(pdf.subarray(start, start + number('Length')));
    images.push(rgbPng(number('Width'), number('Height'), data));
  }
  return images;
}

/** What a decoder reads in an image: each barcode's format and text. */
export async function decode(png: Buffer): Promise<{ format: string; text: string }[]> {
  const found = await readBarcodes(new Uint8Array(png), { tryHarder: true });
  return found.map((b) => ({ format: b.format, text: b.text }));
}
