import { z } from 'zod';
import { businessDate, code, pageQuery, quantity, signedQuantity, text, timeBound, userRef } from './common';
import { historyEntry, lotCode } from './receipts';

/** The kinds of document that move stock, as they appear in the ledger's `document.type`. */
export const documentType = z.enum([
  'purchase_order',
  'purchase_return',
  'sales_order',
  'sales_return',
  'transfer',
  'stocktake',
  'write_off',
]);
export type DocumentType = z.infer<typeof documentType>;

/** What every document says about itself. */
export const documentHead = {
  id: z.string(),
  number: z.string().meta({ description: 'Human document number, e.g. PO-000042' }),
  status: z.string(),
  version: z.number().meta({ description: 'Send it back in If-Match to update or act' }),
  actions: z.array(z.string()).meta({ description: 'What may be done in the current status' }),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: userRef,
  history: z.array(historyEntry),
  pendingApproval: z
    .string()
    .nullable()
    .meta({ description: 'The id of an approval this document waits for (GET /api/v1/approvals/{id})' }),
};

/** Filters every document list takes. */
export const documentQuery = pageQuery.extend({
  q: z
    .string()
    .max(100)
    .optional()
    .meta({ description: 'Part of the document number or reference, in any case' }),
  status: z.string().max(40).optional(),
  warehouse: z.string().max(64).optional(),
  sku: z.string().max(64).optional(),
  from: timeBound.optional(),
  to: timeBound.optional(),
});

/** Header fields a document may be given on creation or edit. */
export const documentNotes = {
  reference: text(200).optional(),
  note: text().optional(),
};

/** A line that names a SKU and a quantity to act on (ship, receive). */
export const actionLine = z.object({
  sku: code,
  qty: quantity,
  line: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'The document line, when a SKU is on several' }),
  batch: lotCode.optional(),
  expiresOn: businessDate.optional(),
  bin: lotCode.optional(),
});

/** A quantity pair every line reports. */
export const lineProgress = {
  line: z.number(),
  sku: z.string(),
  itemId: z.string(),
  qty: signedQuantity,
};

/** The body of an action that takes none, or only a reason. */
export const reasonBody = z
  .object({ reason: text(500).optional() })
  .nullish()
  .meta({ description: 'Optional; a reason is kept in the history' });
