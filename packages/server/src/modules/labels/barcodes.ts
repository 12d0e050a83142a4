import type { Symbology } from '@onhand/contracts';
import bwipjs from 'bwip-js/node';

/** The check digit of the first 12 digits of an EAN-13. */
function ean13CheckDigit(first12: string): number {
  const sum = [...first12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10;
}

/** Why a code cannot be printed in a symbology, or null when it can. */
export function unprintable(symbology: Symbology, code: string): string | null {
  if (symbology === 'ean13') {
    if (!/^\d{12,13}$/.test(code)) return `${code} is not 12 or 13 digits, as EAN-13 needs`;
    if (code.length === 13 && Number(code[12]) !== ean13CheckDigit(code.slice(0, 12)))
      return `${code} has a wrong EAN-13 check digit`;
  }
  if (symbology === 'code128' && !/^[\x20-\x7e]+$/.test(code))
    return `${code} holds characters Code 128 cannot print`;
  return null;
}

/** The code as printed: an EAN-13 of 12 digits gets its check digit. */
export function printedCode(symbology: Symbology, code: string): string {
  return symbology === 'ean13' && code.length === 12 ? `${code}${ean13CheckDigit(code)}` : code;
}

/**
 * A barcode as a PNG, black on white, with a quiet zone around it (decoders need ten modules of
 * white beside a linear code and four around a QR code).
 */
export function barcodePng(symbology: Symbology, code: string): Promise<Buffer> {
  const quiet = symbology === 'qrcode' ? 4 : 10;
  return bwipjs.toBuffer({
    bcid: symbology,
    text: printedCode(symbology, code),
    scale: 3,
    ...(symbology === 'qrcode' ? {} : { height: 12 }),
    paddingwidth: quiet,
    paddingheight: symbology === 'qrcode' ? quiet : 2,
    backgroundcolor: 'FFFFFF',
  });
}
