import { z } from 'zod';
import { code, label, pageQuery, text, typeError } from './common';

const stamps = { createdAt: z.string(), updatedAt: z.string() };

export const warehouseKind = z.enum(['warehouse', 'store']);

export const warehouseCreate = z.object({
  code,
  name: label(),
  region: label(100).nullish(),
  kind: warehouseKind.optional(),
  address: text(500).nullish(),
});
export const warehouseUpdate = warehouseCreate
  .omit({ code: true })
  .partial()
  .extend({ active: z.boolean().optional() });
export const warehouse = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  region: z.string().nullable(),
  kind: warehouseKind,
  address: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  ...stamps,
});
export const warehouseQuery = pageQuery.extend({
  q: z.string().optional(),
  region: z.string().optional(),
  kind: warehouseKind.optional(),
});
export type Warehouse = z.infer<typeof warehouse>;

const barcode = z
  .string({ error: typeError('must be a string') })
  .min(1, { error: 'must not be empty' })
  .max(64, { error: 'must be at most 64 characters' })
  .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' });

/**
 * A category path: names from the top down, separated by `/` (\`食品/饮料\`); spaces around each
 * name are dropped. A filter by a category also finds everything under it.
 */
export const categoryPath = label(100)
  .transform((path) =>
    path
      .split('/')
      .map((name) => name.trim())
      .join('/'),
  )
  .refine((path) => !path.split('/').includes(''), { error: 'must be names separated by / (none empty)' });

export const itemCreate = z.object({
  sku: code,
  name: label(),
  unit: label(20).optional(),
  barcodes: z.array(barcode).max(20).optional(),
  category: categoryPath.nullish(),
  description: text().nullish(),
  batchTracked: z.boolean().optional(),
  expiryTracked: z.boolean().optional(),
});
export const itemUpdate = itemCreate.omit({ sku: true }).partial().extend({ active: z.boolean().optional() });
export const item = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  barcodes: z.array(z.string()),
  category: z.string().nullable(),
  description: z.string().nullable(),
  batchTracked: z.boolean(),
  expiryTracked: z.boolean(),
  active: z.boolean(),
  version: z.number(),
  ...stamps,
});
export const itemQuery = pageQuery.extend({
  q: z.string().optional(),
  category: z.string().optional(),
  barcode: z.string().optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type Item = z.infer<typeof item>;

/** One category of the tree: its path, its own name, its parent and how many items it holds, those below it included. */
export const categoryNode = z.object({
  path: z.string(),
  name: z.string(),
  parent: z.string().nullable(),
  depth: z.number(),
  itemCount: z.number(),
});
export const categoryTree = z.object({ items: z.array(categoryNode) });
export type CategoryNode = z.infer<typeof categoryNode>;

export const partnerCreate = z.object({
  code,
  name: label(),
  contact: label(100).nullish(),
  email: z.email({ error: 'must be an e-mail address' }).nullish(),
  phone: z.string().max(40, { error: 'must be at most 40 characters' }).nullish(),
  address: text(500).nullish(),
  note: text().nullish(),
  receiptTolerancePct: z
    .number({ error: 'must be a number' })
    .min(0, { error: 'must be 0 or more' })
    .max(100, { error: 'must be at most 100' })
    .refine((n) => Number.isInteger(n * 100), 'must have at most 2 decimal places')
    .optional()
    .meta({ description: 'Suppliers only: how much more than ordered may be received, in % of the line' }),
});
export const partnerUpdate = partnerCreate
  .omit({ code: true })
  .partial()
  .extend({ active: z.boolean().optional() });
export const partner = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  contact: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  note: z.string().nullable(),
  receiptTolerancePct: z.number().nullable().meta({ description: 'Suppliers only (null for customers)' }),
  active: z.boolean(),
  version: z.number(),
  ...stamps,
});
export const partnerQuery = pageQuery.extend({
  q: z.string().optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type Partner = z.infer<typeof partner>;
