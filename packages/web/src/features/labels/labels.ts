import type { LabelLayout, LabelSubject, Symbology } from '@onhand/contracts';

/** What a sheet of labels is for: items by SKU, the batches of a SKU, or bins of a warehouse. */
export interface LabelTarget {
  for: LabelSubject;
  sku?: string[];
  batch?: string[];
  warehouse?: string;
  bin?: string[];
}

/** How the labels are printed. */
export interface LabelOptions {
  symbology: Symbology;
  layout: LabelLayout;
  copies: number;
}

export const SYMBOLOGIES: readonly Symbology[] = ['code128', 'ean13', 'qrcode'];
export const LAYOUTS: readonly LabelLayout[] = ['a4-3x8', 'a4-2x7', 'a4-4x10', 'label-60x40'];

/** The address of the PDF of a sheet of labels (`GET /api/v1/labels`, lists as repeated parameters). */
export function labelsUrl(target: LabelTarget, options: LabelOptions): string {
  const query = new URLSearchParams({ for: target.for });
  for (const sku of target.sku ?? []) query.append('sku', sku);
  for (const batch of target.batch ?? []) query.append('batch', batch);
  if (target.warehouse) query.set('warehouse', target.warehouse);
  for (const bin of target.bin ?? []) query.append('bin', bin);
  query.set('symbology', options.symbology);
  query.set('layout', options.layout);
  query.set('copies', String(options.copies));
  return `/api/v1/labels?${query.toString()}`;
}
