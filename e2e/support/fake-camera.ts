import { writeFileSync } from 'node:fs';
import bwipjs from 'bwip-js/node';

const WIDTH = 640;
const HEIGHT = 480;
/** Luma of paper and ink in video range (Y′ 16–235). */
const WHITE = 235;
const BLACK = 16;
/** Blank margins on both sides: decoders need a quiet zone of at least ten modules. */
const QUIET_MODULES = 12;

/**
 * Writes a one-frame Y4M video of a Code 128 barcode of `text`, for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`), which plays it in a loop. The bars come from bwip-js's
 * encoder (its space-bar widths), painted full height in the middle of a white frame.
 */
export function writeBarcodeVideo(path: string, text: string): void {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text });
  if (!symbol || !('sbs' in symbol)) throw new Error(`bwip-js gave no bars for ${text}`);
  const modules = symbol.sbs.reduce((sum, width) => sum + width, 0) + 2 * QUIET_MODULES;
  const scale = Math.floor(WIDTH / modules);
  const row = new Uint8Array(WIDTH).fill(WHITE);
  let x = Math.floor((WIDTH - (modules - 2 * QUIET_MODULES) * scale) / 2);
  symbol.sbs.forEach((width, i) => {
    // Even entries are bars, odd ones spaces.
    if (i % 2 === 0) row.fill(BLACK, x, x + width * scale);
    x += width * scale;
  });
  const luma = new Uint8Array(WIDTH * HEIGHT).fill(WHITE);
  for (let y = HEIGHT / 4; y < (HEIGHT * 3) / 4; y++) luma.set(row, y * WIDTH);
  const chroma = new Uint8Array((WIDTH / 2) * (HEIGHT / 2) * 2).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  writeFileSync(path, Buffer.concat([header, luma, chroma]));
}
