import { hash, verify } from '@node-rs/argon2';

/** Hashes a password with argon2id (off the event loop). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 });
}

/** Checks a password against its argon2 hash; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
