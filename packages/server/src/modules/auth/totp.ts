import { createHmac, randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** RFC 6238 defaults, which every authenticator app uses. */
const STEP_MS = 30_000;
const DIGITS = 6;

/** A new random secret, 160 bits in base32 (what authenticator apps take). */
export function newTotpSecret(): string {
  const bytes = randomBytes(20);
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i + 5 <= bits.length; i += 5) out += BASE32[Number.parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

function decodeBase32(secret: string): Buffer {
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) {
    const v = BASE32.indexOf(c);
    if (v < 0) throw new RangeError('not base32');
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(Number.parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The code of a secret for one 30-second step (HOTP over the step counter, RFC 4226). */
export function totpCode(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', decodeBase32(secret)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** The step an instant falls in. */
export const totpStep = (at: number): number => Math.floor(at / STEP_MS);

/**
 * The step a code is valid for at `at` (this step or one either side, for clocks that drift), or
 * null. Callers refuse a step they accepted before, so a code works once.
 */
export function matchingStep(secret: string, code: string, at: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpStep(at);
  for (const step of [now, now - 1, now + 1]) if (totpCode(secret, step) === code) return step;
  return null;
}

/** The `otpauth://` address an authenticator app reads (from a QR code). */
export function otpauthUrl(secret: string, account: string): string {
  return `otpauth://totp/Onhand:${encodeURIComponent(account)}?secret=${secret}&issuer=Onhand&algorithm=SHA1&digits=6&period=30`;
}
