import { z } from 'zod';
import { code, money, quantity, signedQuantity, text } from './common';
import { actionLine, documentHead, documentNotes, documentQuery, lineProgress } from './documents';

const transferLines = z
  .array(z.object({ sku: code, qty: quantity }))
  .min(1, { error: 'must have at least one line' })
  .max(1000);

export const transferCreate = z.object({ from: code, to: code, ...documentNotes, lines: transferLines });

/** An edit of a draft transfer. */
export const transferPatch = z.object({
  from: code.optional(),
  to: code.optional(),
  reference: text(200).nullable().optional(),
  note: text().nullable().optional(),
  lines: transferLines.optional(),
});

export const transferReceive = z
  .object({
    lines: z
      .array(actionLine)
      .min(1, { error: 'must have at least one line' })
      .max(1000)
      .optional()
      .meta({ description: 'Without lines, everything still in transit is received' }),
  })
  .nullish();

export const transferClose = z.object({
  reason: text(500).min(1, { error: 'must not be empty' }).meta({ description: 'Why the rest was lost' }),
});

export const transfer = z.object({
  ...documentHead,
  from: z.string(),
  fromId: z.string(),
  to: z.string(),
  toId: z.string(),
  reason: z.string().nullable(),
  totalQty: signedQuantity,
  value: money.meta({ description: 'What the shipped goods cost at the source (FIFO); 0 until shipped' }),
  lines: z.array(
    z.object({
      ...lineProgress,
      reservedQty: signedQuantity,
      shippedQty: signedQuantity,
      receivedQty: signedQuantity,
      inTransitQty: signedQuantity,
      lostQty: signedQuantity,
    }),
  ),
});
export type Transfer = z.infer<typeof transfer>;

export const transferQuery = documentQuery;
