import { InsufficientStockError } from '../../ledger/types';

/**
 * Runs a posting of a document's lines; when stock is short, the refusal names the SKU of each
 * short line (the ledger knows only item ids).
 */
export async function namingShortSkus<T>(
  lines: readonly { line_no: bigint; sku: string }[],
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof InsufficientStockError)) throw error;
    const skus = new Map(lines.map((l) => [Number(l.line_no), l.sku]));
    throw new InsufficientStockError(error.lines.map((l) => ({ ...l, sku: l.sku ?? skus.get(l.line) })));
  }
}
