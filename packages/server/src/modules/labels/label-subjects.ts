import type { Item, LabelQuery, Symbology } from '@onhand/contracts';
import { type FieldError, invalid, Problem } from '../../http/problem';
import type { Services } from '../../services';
import { requireInScope, type WarehouseScope } from '../auth/warehouse-scope';
import { unprintable } from './barcodes';
import type { Label } from './label-sheet';

/** What labels are made from. */
export type LabelSources = Pick<Services, 'items' | 'batches' | 'bins'>;

/** A read that answers null for a record that does not exist. */
async function orNull<T>(read: Promise<T>): Promise<T | null> {
  return read.catch((error: unknown) => {
    if (error instanceof Problem && error.code === 'not_found') return null;
    throw error;
  });
}

/** Refuses the request when any field was found wrong. */
function refuseAny(errors: FieldError[]): void {
  if (errors.length > 0) throw invalid(errors);
}

/** The code an item's label carries: its first barcode the symbology can print, else its SKU. */
function itemCode(item: Item, symbology: Symbology): string | null {
  return [...item.barcodes, item.sku].find((code) => unprintable(symbology, code) === null) ?? null;
}

/** One label per SKU, with the item's barcode (or SKU), the SKU and the name under it. */
async function itemLabels(s: LabelSources, skus: readonly string[], symbology: Symbology): Promise<Label[]> {
  const errors: FieldError[] = [];
  const labels: Label[] = [];
  for (const [i, sku] of skus.entries()) {
    const item = await orNull(s.items.get(sku));
    const code = item && itemCode(item, symbology);
    if (!item) errors.push({ path: `sku.${i}`, message: `${sku} does not exist` });
    else if (!code)
      errors.push({
        path: `sku.${i}`,
        message: `${sku} has no code ${symbology} can print (${unprintable(symbology, item.sku)})`,
      });
    else labels.push({ code, lines: [...(code === item.sku ? [] : [code]), item.sku, item.name] });
  }
  refuseAny(errors);
  return labels;
}

/** One label per batch of a SKU in stock (`SKU/batch`), with the expiry date and the name under it. */
async function batchLabels(s: LabelSources, query: LabelQuery, scope: WarehouseScope): Promise<Label[]> {
  const [sku, ...more] = query.sku ?? [];
  if (!sku || more.length > 0) throw invalid([{ path: 'sku', message: 'must name exactly one SKU' }]);
  const item = await orNull(s.items.get(sku));
  if (!item) throw invalid([{ path: 'sku', message: `${sku} does not exist` }]);
  if (query.warehouse) requireInScope(scope, query.warehouse, 'warehouse');
  const stock = await s.batches.batches(
    { sku: item.sku, limit: 500, ...(query.warehouse ? { warehouse: query.warehouse } : {}) },
    scope,
  );
  const inStock = new Map<string, string | null>();
  for (const row of stock.items) if (row.batch !== null) inStock.set(row.batch, row.expiresOn);
  const wanted = query.batch ?? [...inStock.keys()];
  refuseAny(
    wanted.flatMap((batch, i) =>
      inStock.has(batch) ? [] : [{ path: `batch.${i}`, message: `${batch} is not in stock of ${sku}` }],
    ),
  );
  if (wanted.length === 0) throw invalid([{ path: 'sku', message: `${sku} has no batches in stock` }]);
  return wanted.map((batch) => {
    const expiresOn = inStock.get(batch);
    return {
      code: `${item.sku}/${batch}`,
      lines: [`${item.sku} · ${batch}${expiresOn ? ` · EXP ${expiresOn}` : ''}`, item.name],
    };
  });
}

/** One label per bin of a warehouse, with the bin's code, the warehouse and the bin's name under it. */
async function binLabels(s: LabelSources, query: LabelQuery, scope: WarehouseScope): Promise<Label[]> {
  const { warehouse } = query;
  if (!warehouse) throw invalid([{ path: 'warehouse', message: 'is required for bin labels' }]);
  requireInScope(scope, warehouse, 'warehouse');
  const bins = await orNull(s.bins.list(warehouse));
  if (!bins) throw invalid([{ path: 'warehouse', message: `${warehouse} does not exist` }]);
  const wanted = query.bin ?? bins.map((b) => b.code);
  refuseAny(
    wanted.flatMap((code, i) =>
      bins.some((b) => b.code === code)
        ? []
        : [{ path: `bin.${i}`, message: `${code} is not a bin of ${warehouse}` }],
    ),
  );
  return wanted.map((code) => {
    const name = bins.find((b) => b.code === code)?.name;
    return { code, lines: [code, name ? `${warehouse} · ${name}` : warehouse] };
  });
}

/** The labels a query asks for, each code printable in its symbology, or `400` naming the field. */
export async function labelsFor(s: LabelSources, query: LabelQuery, scope: WarehouseScope): Promise<Label[]> {
  const symbology = query.symbology ?? 'code128';
  if (query.for === 'items') {
    if (!query.sku?.length) throw invalid([{ path: 'sku', message: 'is required for item labels' }]);
    return itemLabels(s, query.sku, symbology);
  }
  const labels =
    query.for === 'batches' ? await batchLabels(s, query, scope) : await binLabels(s, query, scope);
  refuseAny(
    labels.flatMap((label) => {
      const why = unprintable(symbology, label.code);
      return why ? [{ path: 'symbology', message: why }] : [];
    }),
  );
  return labels;
}
