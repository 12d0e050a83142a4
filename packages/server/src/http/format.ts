import { formatDecimal, MONEY_SCALE, parseDecimal, QTY_SCALE, toJsonNumber } from '@onhand/domain';

/** A stored quantity as the API's JSON number. */
export const qtyOut = (v: bigint): number => toJsonNumber(v, QTY_SCALE);
/** Stored money as the API's JSON number. */
export const moneyOut = (v: bigint): number => toJsonNumber(v, MONEY_SCALE);
/** Stored money as exact decimal text (for CSV). */
export const moneyText = (v: bigint): string => formatDecimal(v, MONEY_SCALE);
/** A stored quantity as exact decimal text (for CSV). */
export const qtyText = (v: bigint): string => formatDecimal(v, QTY_SCALE);
/** A stored instant as ISO-8601. */
export const isoOut = (v: bigint | number): string => new Date(Number(v)).toISOString();
/** A stored instant or null as ISO-8601 or null. */
export const isoOrNull = (v: bigint | number | null): string | null => (v === null ? null : isoOut(v));
/** A stored 0/1 flag as a boolean. */
export const flagOut = (v: bigint): boolean => v !== 0n;
/** Money from a validated request (a decimal number or string) as stored ten-thousandths. */
export function moneyIn(input: number | string): bigint {
  const parsed = parseDecimal(input, MONEY_SCALE);
  if (!parsed.ok) throw new RangeError('money passed validation but does not parse');
  return parsed.value;
}
