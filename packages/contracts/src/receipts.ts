import { z } from 'zod';
import {
  businessDate,
  code,
  money,
  moneyInput,
  pageQuery,
  quantity,
  signedQuantity,
  text,
  timeBound,
  typeError,
  userRef,
} from './common';

/** A batch or bin code. */
export const lotCode = z
  .string({ error: typeError('must be a string') })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(64);

export const receiptLineInput = z.object({
  sku: code,
  qty: quantity,
  unitCost: moneyInput,
  batch: lotCode.optional(),
  expiresOn: businessDate.optional(),
  bin: lotCode.optional(),
});
export const receiptCreate = z.object({
  warehouse: code,
  reference: text(200).optional(),
  note: text().optional(),
  lines: z.array(receiptLineInput).min(1, { error: 'must have at least one line' }).max(1000),
});

/** A status change of a document, who made it and when. */
export const historyEntry = z.object({
  at: z.string(),
  user: userRef,
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
});

export const receipt = z.object({
  id: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  status: z.enum(['posted']),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  postedAt: z.string().nullable(),
  createdBy: userRef,
  totalQty: signedQuantity,
  totalValue: money,
  lines: z.array(
    z.object({
      line: z.number(),
      sku: z.string(),
      itemId: z.string(),
      qty: signedQuantity,
      unitCost: money,
      value: money,
      batch: z.string().nullable(),
      expiresOn: z.string().nullable(),
      bin: z.string().nullable(),
      ledgerEntryId: z.string().nullable(),
    }),
  ),
  history: z.array(historyEntry),
});
export const receiptQuery = pageQuery.extend({
  warehouse: z.string().optional(),
  sku: z.string().optional(),
  from: timeBound.optional(),
  to: timeBound.optional(),
});
export type Receipt = z.infer<typeof receipt>;
