import { z } from 'zod';
import { businessDate, money, pageQuery, signedQuantity, timeBound, typeError } from './common';
import { ledgerEntryType } from './stock';

const csvFormat = z.enum(['json', 'csv']).optional();

/** Filters of the 进销存 report: a period (both ends required) and what to include. */
export const movementQuery = pageQuery.extend({
  from: timeBound,
  to: timeBound,
  warehouse: z.string().optional(),
  sku: z.string().optional(),
  category: z.string().optional(),
  format: csvFormat,
});

/** Quantity and value moved by one ledger type. */
export const movedAmount = z.object({ qty: signedQuantity, value: money });

/** The figures of the 进销存 report, for one SKU × warehouse or as totals. */
export const movementFigures = z.object({
  openingQty: signedQuantity,
  openingValue: money,
  inQty: signedQuantity,
  inValue: money,
  outQty: signedQuantity,
  outValue: money,
  closingQty: signedQuantity,
  closingValue: money,
});

/** One SKU × warehouse of the 进销存 report, with in and out broken down by ledger type. */
export const movementRow = movementFigures.extend({
  sku: z.string(),
  itemId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  inByType: z.partialRecord(ledgerEntryType, movedAmount),
  outByType: z.partialRecord(ledgerEntryType, movedAmount),
});
export type MovementRow = z.infer<typeof movementRow>;

/** A page of the 进销存 report with the totals of every row the filters match. */
export const movementReport = z.object({
  items: z.array(movementRow),
  nextCursor: z.string().nullable(),
  totals: movementFigures,
});

/** Filters of stock per batch. */
export const batchStockQuery = pageQuery.extend({
  sku: z.string().optional(),
  warehouse: z.string().optional(),
  expiringWithinDays: z.coerce
    .number({ error: typeError('must be a number') })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 or more' })
    .max(36_500, { error: 'must be at most 36500' })
    .optional(),
  format: csvFormat,
});

/** Stock of one batch (null for untracked stock) of a SKU in a warehouse, from the open cost layers. */
export const batchStockRow = z.object({
  sku: z.string(),
  itemId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  batch: z.string().nullable(),
  expiresOn: businessDate.nullable(),
  qty: signedQuantity,
  value: money,
});
export type BatchStockRow = z.infer<typeof batchStockRow>;

/** Filters of the near-expiry list. */
export const expiringQuery = pageQuery.extend({
  days: z.coerce
    .number({ error: typeError('must be a number') })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 or more' })
    .max(36_500, { error: 'must be at most 36500' })
    .default(30),
  warehouse: z.string().optional(),
  format: csvFormat,
});

/** A batch in stock that expires within the window (or has expired: `daysLeft` < 0). */
export const expiringRow = batchStockRow.extend({ expiresOn: businessDate, daysLeft: z.number().int() });
export type ExpiringRow = z.infer<typeof expiringRow>;

/** How the loss analysis groups stock that was written off, lost or adjusted. */
export const lossGrouping = z.enum(['reason', 'type', 'sku', 'warehouse', 'user']);

export const lossesQuery = z.object({
  from: timeBound,
  to: timeBound,
  warehouse: z.string().optional(),
  sku: z.string().optional(),
  category: z.string().optional(),
  groupBy: lossGrouping.default('reason'),
  format: csvFormat,
});

/** One group of the loss analysis: signed sums (a count gain is positive, a loss negative). */
export const lossRow = z.object({
  key: z.string().nullable().meta({ description: 'The reason, type, SKU, warehouse code or user e-mail' }),
  qty: signedQuantity,
  value: money,
  entries: z.number(),
});

export const lossReport = z.object({
  items: z.array(lossRow),
  totals: z.object({ qty: signedQuantity, value: money, entries: z.number() }),
});
