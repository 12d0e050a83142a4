import { z } from 'zod';
import { businessDate, code, money, moneyInput, quantity, signedQuantity, text } from './common';
import { actionLine, documentHead, documentNotes, documentQuery, lineProgress } from './documents';
import { lotCode } from './receipts';

const purchaseLineInput = z.object({ sku: code, qty: quantity, unitCost: moneyInput });
const purchaseLines = z.array(purchaseLineInput).min(1, { error: 'must have at least one line' }).max(1000);

export const purchaseOrderCreate = z.object({
  supplier: code,
  warehouse: code,
  expectedOn: businessDate.optional(),
  ...documentNotes,
  lines: purchaseLines,
});

/** An edit: in draft anything; while pending approval only the lines' quantities and costs. */
export const purchaseOrderPatch = z.object({
  supplier: code.optional(),
  warehouse: code.optional(),
  expectedOn: businessDate.nullable().optional(),
  reference: text(200).nullable().optional(),
  note: text().nullable().optional(),
  lines: purchaseLines.optional(),
});

/** A new draft with the lines of the supplier's last order. */
export const purchaseOrderQuickFill = z.object({
  supplier: code,
  warehouse: code.optional().meta({ description: 'Defaults to the warehouse of the last order' }),
});

export const purchaseReceive = z.object({
  lines: z.array(actionLine).min(1, { error: 'must have at least one line' }).max(1000),
  ...documentNotes,
});

export const purchaseOrder = z.object({
  ...documentHead,
  supplier: z.string(),
  supplierId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  expectedOn: z.string().nullable(),
  totalQty: signedQuantity,
  totalValue: money,
  lines: z.array(
    z.object({
      ...lineProgress,
      unitCost: money,
      value: money,
      receivedQty: signedQuantity,
      openQty: signedQuantity.meta({ description: 'Still expected: counts as incoming once approved' }),
      closedQty: signedQuantity,
    }),
  ),
});
export type PurchaseOrder = z.infer<typeof purchaseOrder>;

export const purchaseOrderQuery = documentQuery.extend({ supplier: z.string().max(64).optional() });

const returnLines = z
  .array(z.object({ sku: code, qty: quantity, batch: lotCode.optional(), reason: text(500).optional() }))
  .min(1, { error: 'must have at least one line' })
  .max(1000);

export const purchaseReturnCreate = z.object({
  supplier: code,
  warehouse: code,
  purchaseOrder: z
    .string()
    .max(100)
    .optional()
    .meta({ description: 'Return goods received on this order, at the cost they came in' }),
  ...documentNotes,
  lines: returnLines,
});

/** An edit of a draft return. */
export const purchaseReturnPatch = z.object({
  reference: text(200).nullable().optional(),
  note: text().nullable().optional(),
  lines: returnLines.optional(),
});
export const purchaseReturnQuery = documentQuery.extend({ supplier: z.string().max(64).optional() });

export const purchaseReturn = z.object({
  ...documentHead,
  supplier: z.string(),
  supplierId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  purchaseOrderId: z.string().nullable(),
  totalQty: signedQuantity,
  totalValue: money.meta({ description: 'The cost the goods left at (0 until posted)' }),
  lines: z.array(
    z.object({
      ...lineProgress,
      batch: z.string().nullable(),
      reason: z.string().nullable(),
      value: money,
    }),
  ),
});
export type PurchaseReturn = z.infer<typeof purchaseReturn>;
