import { z } from 'zod';
import {
  businessDate,
  code,
  money,
  pageQuery,
  quantityOrZero,
  queryFlag,
  signedQuantity,
  timeBound,
  userRef,
} from './common';

/** One SKU × warehouse with the quantities people act on. */
export const stockRow = z.object({
  sku: z.string(),
  itemId: z.string(),
  name: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  onHand: signedQuantity,
  reserved: signedQuantity,
  quarantined: signedQuantity,
  available: signedQuantity,
  inTransit: signedQuantity,
  incoming: signedQuantity,
  safetyStock: signedQuantity
    .nullable()
    .meta({ description: 'The safety stock set for this SKU in this warehouse; null when none is set' }),
  belowSafetyStock: z.boolean().meta({ description: 'available < safetyStock' }),
});
export const stockQuery = pageQuery.extend({
  sku: z.string().optional(),
  warehouse: z.string().optional(),
  category: z.string().optional(),
  region: z.string().optional(),
  q: z.string().optional(),
  belowSafetyStock: queryFlag
    .optional()
    .meta({ description: 'true: only rows whose available quantity is below their safety stock' }),
});

/** Safety stock and min/max of a SKU in a warehouse (安全库存, 最低/最高库存). */
export const stockLevel = z.object({
  sku: z.string(),
  itemId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  safetyStock: signedQuantity,
  min: signedQuantity.nullable(),
  max: signedQuantity.nullable(),
  updatedAt: z.string(),
});
export const stockLevelSet = z
  .object({
    sku: code,
    warehouse: code,
    safetyStock: quantityOrZero,
    min: quantityOrZero.nullable().optional(),
    max: quantityOrZero.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.min != null && v.max != null && v.min > v.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be at least min' });
  });
export const stockLevelQuery = pageQuery.extend({
  sku: z.string().optional(),
  warehouse: z.string().optional(),
});
export type StockRow = z.infer<typeof stockRow>;
export type StockLevel = z.infer<typeof stockLevel>;

export const ledgerEntryType = z.enum([
  'receipt',
  'shipment',
  'transfer_out',
  'transfer_in',
  'adjustment',
  'return_in',
  'return_out',
  'write_off',
  'loss',
]);
export type LedgerEntryType = z.infer<typeof ledgerEntryType>;

/** One immutable movement of on-hand stock. */
export const ledgerEntry = z.object({
  id: z.string(),
  at: z.string(),
  sku: z.string(),
  itemId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  type: ledgerEntryType,
  qty: signedQuantity,
  unitCost: money,
  value: money,
  balanceAfter: signedQuantity,
  batch: z.string().nullable(),
  expiresOn: z.string().nullable(),
  bin: z.string().nullable(),
  document: z.object({ type: z.string(), id: z.string(), line: z.number() }),
  reason: z
    .string()
    .nullable()
    .meta({ description: 'Why: a write-off, loss or stocktake adjustment reason' }),
  user: userRef,
});
export const ledgerQuery = pageQuery.extend({
  sku: z.string().optional(),
  warehouse: z.string().optional(),
  type: ledgerEntryType.optional(),
  from: timeBound.optional(),
  to: timeBound.optional(),
  documentType: z.string().optional(),
  documentId: z.string().optional(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

/** Quantity and FIFO value of a SKU in a warehouse at a moment. */
export const valuedStockRow = z.object({
  sku: z.string(),
  itemId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  qty: signedQuantity,
  value: money,
});
export const asOfQuery = pageQuery.extend({
  date: businessDate,
  warehouse: z.string().optional(),
  sku: z.string().optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export const valuationQuery = pageQuery.extend({
  date: businessDate.optional(),
  warehouse: z.string().optional(),
  sku: z.string().optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export const valuationReport = z.object({
  items: z.array(valuedStockRow),
  nextCursor: z.string().nullable(),
  totalValue: money,
});
