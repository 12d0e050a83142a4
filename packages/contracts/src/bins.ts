import { z } from 'zod';
import { code, label, pageQuery, quantity, signedQuantity, text } from './common';
import { lotCode } from './receipts';

export const binCreate = z.object({
  code: lotCode,
  name: label(100).optional(),
  default: z.boolean().optional().meta({ description: 'Where goods go when a document names no bin' }),
});

export const bin = z.object({
  warehouse: z.string(),
  warehouseId: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  default: z.boolean(),
  active: z.boolean(),
});
export type Bin = z.infer<typeof bin>;

export const binStockQuery = pageQuery.extend({
  sku: z.string().optional(),
  warehouse: z.string().optional(),
  bin: z.string().optional(),
});

export const binStockRow = z.object({
  sku: z.string(),
  itemId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  bin: z.string(),
  qty: signedQuantity,
});

export const binMoveCreate = z.object({
  warehouse: code,
  reference: text(200).optional(),
  lines: z
    .array(z.object({ sku: code, qty: quantity, from: lotCode, to: lotCode }))
    .min(1, { error: 'must have at least one line' })
    .max(1000),
});

export const binMove = z.object({
  warehouse: z.string(),
  reference: z.string().nullable(),
  at: z.string(),
  lines: z.array(z.object({ sku: z.string(), qty: signedQuantity, from: z.string(), to: z.string() })),
});
export type BinStockRow = z.infer<typeof binStockRow>;
export type BinMove = z.infer<typeof binMove>;
