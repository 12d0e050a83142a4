import { z } from 'zod';
import { code, label, pageQuery, quantity, signedQuantity, timestamp, userRef } from './common';

export const reservationStatus = z.enum(['active', 'released', 'expired', 'consumed']);

export const reservationCreate = z.object({
  sku: code,
  warehouse: code,
  qty: quantity,
  reference: label(200),
  expiresAt: timestamp.optional(),
});
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
