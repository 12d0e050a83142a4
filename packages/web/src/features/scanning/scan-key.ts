/**
 * A new Idempotency-Key: a retry of the same confirmation sends it again and acts once. Made from
 * getRandomValues, which (unlike randomUUID) works on a plain-HTTP address in the warehouse too.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `scan-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
