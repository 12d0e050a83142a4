import { z } from 'zod';
import { typeError } from './common';

/** The barcode symbologies labels are printed in. */
export const symbology = z.enum(['code128', 'ean13', 'qrcode']);
export type Symbology = z.infer<typeof symbology>;

/** Sheets labels are printed on: A4 with columns × rows, or one label per page of a label printer. */
export const labelLayout = z.enum(['a4-3x8', 'a4-2x7', 'a4-4x10', 'label-60x40']);
export type LabelLayout = z.infer<typeof labelLayout>;

/** What labels are for: items by SKU, the batches of one SKU, or the bins of one warehouse. */
export const labelSubject = z.enum(['items', 'batches', 'bins']);
export type LabelSubject = z.infer<typeof labelSubject>;

/** A query parameter that may be given once or repeated (`sku=A&sku=B`). */
const several = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().min(1, { error: 'must not be empty' }).max(200)).max(500));

/** A sheet of barcode labels, as `GET /api/v1/labels` takes it. */
export const labelQuery = z.object({
  for: labelSubject.meta({ description: 'items (sku: the SKUs), batches (sku: one SKU), bins (warehouse)' }),
  sku: several.optional().meta({ description: 'SKUs (repeat the parameter for several)' }),
  batch: several.optional().meta({ description: 'For batches: only these batches (default: all in stock)' }),
  warehouse: z.string().min(1).max(64).optional(),
  bin: several.optional().meta({ description: 'For bins: only these bins (default: all of the warehouse)' }),
  symbology: symbology.optional().meta({ description: 'code128 (default), ean13 (12/13 digits) or qrcode' }),
  copies: z.coerce
    .number({ error: typeError('must be a number') })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(100, { error: 'must be at most 100' })
    .optional(),
  layout: labelLayout.optional().meta({ description: 'a4-3x8 (default), a4-2x7, a4-4x10 or label-60x40' }),
});
export type LabelQuery = z.infer<typeof labelQuery>;
