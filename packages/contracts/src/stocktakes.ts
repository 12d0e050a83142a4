import { z } from 'zod';
import { code, money, quantityOrZero, signedQuantity, text, userRef } from './common';
import { documentHead, documentNotes, documentQuery } from './documents';
import { lotCode } from './receipts';

export const stocktakeCreate = z.object({
  warehouse: code,
  skus: z
    .array(code)
    .min(1, { error: 'must name at least one SKU' })
    .max(1000)
    .optional()
    .meta({ description: 'A spot count of these SKUs (each in scope even with no stock yet)' }),
  category: text(200).min(1).optional().meta({ description: 'SKUs of this category stocked here' }),
  bin: lotCode
    .optional()
    .meta({ description: 'Count one bin: the SKUs it holds, per SKU, against what the bin holds' }),
  blind: z.boolean().optional().meta({ description: 'Hide system quantities and variances while counting' }),
  ...documentNotes,
});

export const stocktakeCountLine = z.object({
  sku: code,
  countedQty: quantityOrZero.meta({
    description: 'Counted quantity, 0 or more, at most 3 decimal places',
    example: 97,
  }),
  batch: lotCode.optional().meta({ description: 'Required for batch-tracked SKUs; ignored for others' }),
  bin: lotCode
    .optional()
    .meta({ description: 'Where it was counted; in a count of one bin, that bin or nothing' }),
  reason: text(500).optional(),
});

/** Count lines: each adds to what was counted of its SKU (× batch). */
export const stocktakeCounts = z.object({
  lines: z.array(stocktakeCountLine).min(1, { error: 'must have at least one line' }).max(1000),
});

/** Posting, with an optional reason per SKU (× batch) that overrides the reasons given while counting. */
export const stocktakePost = z
  .object({
    reasons: z
      .array(z.object({ sku: code, batch: lotCode.optional(), reason: text(500).min(1) }))
      .max(1000)
      .optional(),
  })
  .nullish();

const stocktakeLine = z.object({
  line: z.number(),
  sku: z.string(),
  itemId: z.string(),
  batch: z.string().nullable(),
  qty: signedQuantity
    .nullable()
    .meta({ description: 'On hand when the line joined the stocktake (null while blind counting)' }),
  counted: z.boolean().meta({ description: 'False: not counted, and not adjusted when posted' }),
  countedQty: signedQuantity.nullable(),
  systemQty: signedQuantity
    .nullable()
    .meta({ description: 'On hand at the first count of the line (null while blind counting)' }),
  varianceQty: signedQuantity
    .nullable()
    .meta({ description: 'Counted − system at first count; movements during the count do not show' }),
  value: money.nullable().meta({ description: 'The adjustment entry value, once posted (signed)' }),
  reason: z.string().nullable(),
});

export const stocktake = z.object({
  ...documentHead,
  warehouse: z.string(),
  warehouseId: z.string(),
  blind: z.boolean(),
  scope: z.object({
    skus: z.array(z.string()).nullable(),
    category: z.string().nullable(),
    bin: z.string().nullable(),
  }),
  countedLines: z.number(),
  uncountedLines: z.number(),
  totalVarianceQty: signedQuantity.nullable(),
  totalValue: money.nullable().meta({ description: 'Sum of the adjustment values, once posted' }),
  lines: z.array(stocktakeLine),
  counts: z.array(
    z.object({
      sku: z.string(),
      itemId: z.string(),
      batch: z.string().nullable(),
      bin: z.string().nullable(),
      countedQty: signedQuantity,
      systemQty: signedQuantity.nullable(),
      reason: z.string().nullable(),
      at: z.string(),
      user: userRef,
    }),
  ),
});
export type Stocktake = z.infer<typeof stocktake>;

export const stocktakeQuery = documentQuery;

/** The variance review: every counted line with a difference, valued. */
export const stocktakeVariances = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  warehouse: z.string(),
  items: z.array(
    z.object({
      line: z.number(),
      sku: z.string(),
      itemId: z.string(),
      batch: z.string().nullable(),
      systemQty: signedQuantity,
      countedQty: signedQuantity,
      varianceQty: signedQuantity,
      value: money.meta({
        description:
          'Estimated at FIFO cost (losses) or the newest cost (gains) while counting; posted value after',
      }),
      reasons: z.array(z.string()),
    }),
  ),
  matchedLines: z.number().meta({ description: 'Counted lines without a difference' }),
  uncounted: z.array(z.object({ line: z.number(), sku: z.string(), batch: z.string().nullable() })),
  totalVarianceQty: signedQuantity,
  totalValue: money,
});
export type StocktakeVariances = z.infer<typeof stocktakeVariances>;
