import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
let lastTime = 0;
let lastRandom = 0n;

/**
 * A new opaque id: 48 bits of time and 80 random bits in base32 (26 characters). Ids made by one
 * process sort in creation order, which keyset pagination relies on.
 */
export function newId(now: number = Date.now()): string {
  let random: bigint;
  if (now <= lastTime) {
    random = lastRandom + 1n;
    now = lastTime;
  } else {
    random = BigInt(`0x${randomBytes(10).toString('hex')}`);
  }
  lastTime = now;
  lastRandom = random;
  let value = (BigInt(now) << 80n) | (random & ((1n << 80n) - 1n));
  const out: string[] = new Array(26);
  for (let i = 25; i >= 0; i--) {
    out[i] = ALPHABET[Number(value & 31n)] ?? '0';
    value >>= 5n;
  }
  return out.join('');
}
