import { z } from 'zod';
import { code, money, quantity, signedQuantity, text } from './common';
import { documentHead, documentNotes, documentQuery, lineProgress } from './documents';
import { lotCode } from './receipts';

/** Why goods are written off (loss analysis groups by it). */
export const writeOffReason = z.enum(['damage', 'expiry', 'theft', 'other']);
export type WriteOffReason = z.infer<typeof writeOffReason>;

const writeOffLines = z
  .array(
    z.object({
      sku: code,
      qty: quantity,
      reason: writeOffReason,
      batch: lotCode.optional(),
      note: text(500).optional(),
      fromQuarantine: z
        .boolean()
        .optional()
        .meta({ description: 'Write off goods held in quarantine (returns found broken, damaged stock)' }),
    }),
  )
  .min(1, { error: 'must have at least one line' })
  .max(1000);

export const writeOffCreate = z.object({ warehouse: code, ...documentNotes, lines: writeOffLines });

/** An edit of a draft: what is sent replaces what was there. */
export const writeOffPatch = z.object({
  warehouse: code.optional(),
  reference: text(200).nullable().optional(),
  note: text().nullable().optional(),
  lines: writeOffLines.optional(),
});

export const writeOff = z.object({
  ...documentHead,
  warehouse: z.string(),
  warehouseId: z.string(),
  totalQty: signedQuantity,
  totalValue: money.nullable().meta({ description: 'The FIFO cost written off, once posted' }),
  lines: z.array(
    z.object({
      ...lineProgress,
      reason: writeOffReason,
      batch: z.string().nullable(),
      note: z.string().nullable(),
      fromQuarantine: z.boolean(),
      unitCost: money.nullable(),
      value: money.nullable().meta({ description: 'The FIFO cost written off, once posted' }),
    }),
  ),
});
export type WriteOff = z.infer<typeof writeOff>;

export const writeOffQuery = documentQuery;
