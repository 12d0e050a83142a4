import { z } from 'zod';
import { code, label, MAX_QUANTITY, pageQuery, quantity, signedQuantity, timestamp, userRef } from './common';

export const reservationStatus = z.enum(['active', 'released', 'expired', 'consumed']);

export const reservationCreate = z.object({
  sku: code,
  warehouse: code,
  qty: quantity,
  reference: label(200),
  expiresAt: timestamp.optional(),
});
export type ReservationCreate = z.infer<typeof reservationCreate>;

/** Printable ASCII with no space at either end, up to a length: codes and labels as mostly typed. */
const plainText = (max: number) => new RegExp(`^[\\x21-\\x7e](?:[\\x20-\\x7e]{0,${max - 2}}[\\x21-\\x7e])?$`);
const PLAIN_CODE = plainText(64);
const PLAIN_REFERENCE = plainText(200);

/**
 * The common reservation body (ASCII codes and reference, a whole quantity, no expiry) checked
 * without the schema: what `reservationCreate` would make of it, or undefined for any other body,
 * which the schema then checks and words the errors of.
 */
export function plainReservationCreate(body: unknown): ReservationCreate | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { sku, warehouse, qty, reference, expiresAt } = body as Record<string, unknown>;
  if (
    expiresAt !== undefined ||
    typeof sku !== 'string' ||
    !PLAIN_CODE.test(sku) ||
    typeof warehouse !== 'string' ||
    !PLAIN_CODE.test(warehouse) ||
    typeof qty !== 'number' ||
    !Number.isInteger(qty) ||
    qty <= 0 ||
    qty > MAX_QUANTITY ||
    typeof reference !== 'string' ||
    !PLAIN_REFERENCE.test(reference)
  )
    return undefined;
  return { sku, warehouse, qty, reference };
}

export const reservation = z.object({
  id: z.string(),
  sku: z.string(),
  itemId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  qty: signedQuantity,
  reference: z.string(),
  status: reservationStatus,
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  createdBy: userRef,
});
export const reservationQuery = pageQuery.extend({
  sku: z.string().optional(),
  warehouse: z.string().optional(),
  status: reservationStatus.optional(),
  reference: z.string().optional(),
});
export type Reservation = z.infer<typeof reservation>;
