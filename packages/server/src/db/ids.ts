import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** Base-32 digits of the time (48 bits, padded to 50) and of the random part (80 bits). */
const TIME_DIGITS = 10;
const RANDOM_DIGITS = 16;

let lastTime = 0;
/** The random part of the last id, one base-32 digit per entry, most significant first. */
const lastRandom = new Uint8Array(RANDOM_DIGITS);

/** Fresh random digits: the 80 bits of 10 random bytes, 5 at a time. */
function freshRandom(): void {
  const bytes = randomBytes(10);
  let bits = 0;
  let held = 0;
  let digit = 0;
  for (const byte of bytes) {
    held = (held << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      lastRandom[digit++] = (held >> bits) & 31;
      held &= (1 << bits) - 1;
    }
  }
}

/** The next random digits: one more, wrapping to zero past 80 bits. */
function nextRandom(): void {
  for (let i = RANDOM_DIGITS - 1; i >= 0; i--) {
    const digit = lastRandom[i] ?? 0;
    if (digit < 31) {
      lastRandom[i] = digit + 1;
      return;
    }
    lastRandom[i] = 0;
  }
}

/**
 * A new opaque id: 48 bits of time and 80 random bits in base32 (26 characters). Ids made by one
 * process sort in creation order, which keyset pagination relies on: within one millisecond (or
 * when the clock steps back) the random part counts up from the last id's.
 */
export function newId(now: number = Date.now()): string {
  if (now <= lastTime) {
    now = lastTime;
    nextRandom();
  } else {
    lastTime = now;
    freshRandom();
  }
  let time = '';
  let rest = now;
  for (let i = 0; i < TIME_DIGITS; i++) {
    time = ALPHABET.charAt(rest % 32) + time;
    rest = Math.floor(rest / 32);
  }
  let random = '';
  for (const digit of lastRandom) random += ALPHABET.charAt(digit);
  return time + random;
}
