import { z } from 'zod';
import { code, pageQuery, quantity, signedQuantity, text } from './common';

export const quarantineMoveCreate = z.object({
  warehouse: code,
  reference: text(200).optional(),
  lines: z
    .array(z.object({ sku: code, qty: quantity, reason: text(500).optional() }))
    .min(1, { error: 'must have at least one line' })
    .max(1000),
});

export const quarantineMove = z.object({
  id: z.string(),
  action: z.enum(['hold', 'release']),
  warehouse: z.string(),
  reference: z.string().nullable(),
  at: z.string(),
  lines: z.array(z.object({ sku: z.string(), qty: signedQuantity, reason: z.string().nullable() })),
});

export const quarantineQuery = pageQuery.extend({
  sku: z.string().optional(),
  warehouse: z.string().optional(),
});

export const quarantineRow = z.object({
  sku: z.string(),
  itemId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  qty: signedQuantity,
});
