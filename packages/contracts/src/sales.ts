import { z } from 'zod';
import { code, money, moneyInput, quantity, signedQuantity, text } from './common';
import { actionLine, documentHead, documentNotes, documentQuery, lineProgress } from './documents';

const salesLineInput = z.object({ sku: code, qty: quantity, unitPrice: moneyInput });
const salesLines = z.array(salesLineInput).min(1, { error: 'must have at least one line' }).max(1000);

export const salesOrderCreate = z.object({
  channel: text(64).optional().meta({ description: 'Where the order came from: pos, web, tmall…' }),
  customer: code.optional(),
  warehouse: code
    .optional()
    .meta({ description: 'Without it, the warehouse with the most of these SKUs that can fill every line' }),
  ...documentNotes,
  lines: salesLines,
});

export const salesShip = z
  .object({
    lines: z
      .array(actionLine)
      .min(1, { error: 'must have at least one line' })
      .max(1000)
      .optional()
      .meta({ description: 'Without lines, everything still open is shipped' }),
  })
  .nullish();

export const salesOrder = z.object({
  ...documentHead,
  channel: z.string().nullable(),
  customer: z.string().nullable(),
  customerId: z.string().nullable(),
  warehouse: z.string(),
  warehouseId: z.string(),
  totalQty: signedQuantity,
  totalValue: money.meta({ description: 'At the order prices' }),
  cogs: money.meta({ description: 'Cost of the goods shipped (FIFO), less what came back' }),
  lines: z.array(
    z.object({
      ...lineProgress,
      unitPrice: money,
      value: money,
      reservedQty: signedQuantity,
      shippedQty: signedQuantity,
      cancelledQty: signedQuantity,
      returnedQty: signedQuantity,
    }),
  ),
});
export type SalesOrder = z.infer<typeof salesOrder>;

export const salesOrderQuery = documentQuery.extend({
  customer: z.string().max(64).optional(),
  channel: z.string().max(64).optional(),
});

export const returnDisposition = z.enum(['restock', 'quarantine', 'write_off'], {
  error: 'must be restock, quarantine or write_off',
});

export const salesReturnCreate = z.object({
  ...documentNotes,
  lines: z
    .array(
      z.object({
        sku: code,
        qty: quantity,
        line: z.number().int().positive().optional(),
        disposition: returnDisposition,
        reason: text(500),
      }),
    )
    .min(1, { error: 'must have at least one line' })
    .max(1000),
  exchange: z
    .object({ lines: salesLines })
    .optional()
    .meta({ description: 'An exchange: a new order for these lines, linked to this return' }),
});

export const salesReturn = z.object({
  ...documentHead,
  salesOrderId: z.string(),
  warehouse: z.string(),
  warehouseId: z.string(),
  customer: z.string().nullable(),
  customerId: z.string().nullable(),
  exchangeOrderId: z.string().nullable(),
  totalQty: signedQuantity,
  totalValue: money.meta({ description: 'The cost the goods came back at (what they were shipped at)' }),
  lines: z.array(
    z.object({
      ...lineProgress,
      orderLine: z.number(),
      disposition: returnDisposition,
      reason: z.string().nullable(),
      value: money,
    }),
  ),
});
export type SalesReturn = z.infer<typeof salesReturn>;
export const salesReturnQuery = documentQuery.extend({ salesOrder: z.string().max(100).optional() });
