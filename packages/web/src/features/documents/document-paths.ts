/** The API collection of each kind of document, as the ledger names it in `document.type`. */
export const DOCUMENT_COLLECTIONS: Record<string, string> = {
  receipt: 'receipts',
  purchase_order: 'purchase-orders',
  purchase_return: 'purchase-returns',
  sales_order: 'sales-orders',
  sales_return: 'sales-returns',
  transfer: 'transfers',
  stocktake: 'stocktakes',
  write_off: 'write-offs',
};

/** The web app's page of a document. */
export const documentPath = (type: string, id: string): string =>
  `/documents/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
