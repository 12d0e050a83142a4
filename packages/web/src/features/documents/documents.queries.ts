import type { ApprovalRequired, Item, Partner, StocktakeVariances } from '@onhand/contracts';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey, nullWhen, type QueryParams } from '../../api/client';
import { type Page, useCursorList } from '../../api/lists';
import type { LineView } from './document-kind';
import { DOCUMENT_COLLECTIONS } from './document-paths';

/** A history entry of a document: who moved it from which status to which. */
export interface HistoryView {
  at: string;
  user: { email: string } | null;
  action: string;
  fromStatus: string | null;
  toStatus: string;
}

/** Any kind of document as the web app reads it: the head every kind has, its lines and history. */
export interface DocumentView {
  id: string;
  /** Human number (PO-000042); a goods receipt has none. */
  number?: string;
  status: string;
  version: number;
  /** What may be done in the current status (a goods receipt, posted at once, has none). */
  actions?: string[];
  reference: string | null;
  createdAt: string;
  pendingApproval?: string | null;
  lines: LineView[];
  history: HistoryView[];
  [field: string]: unknown;
}

/** A document of any kind by its type (as the ledger names it) and id; nothing is read for an unknown type. */
export function useDocument(type: string, id: string) {
  const collection = DOCUMENT_COLLECTIONS[type];
  return useQuery({
    queryKey: ['document', type, id],
    queryFn: () => api.get<DocumentView>(`/api/v1/${collection}/${encodeURIComponent(id)}`),
    enabled: collection !== undefined,
  });
}

/** Documents of a collection matching the filters, newest first, page by page. */
export const useDocumentList = (collection: string, filters: QueryParams) =>
  useCursorList<DocumentView>(collection, filters);

/** Every supplier or customer the reader sees (for pickers and filters). */
export function usePartners(kind: 'suppliers' | 'customers', enabled = true) {
  return useQuery({
    queryKey: [`/api/v1/${kind}`, 'all'],
    queryFn: () => api.get<Page<Partner>>(`/api/v1/${kind}`, { limit: 500 }),
    staleTime: 300_000,
    enabled,
  });
}

/** Items whose SKU, name or barcode matches what was typed (the SKU search of a line). */
export function useItemSearch(q: string) {
  return useQuery({
    queryKey: ['/api/v1/items', 'search', q],
    queryFn: () => api.get<Page<Item>>('/api/v1/items', { q, limit: 20 }),
    enabled: q.trim() !== '',
  });
}

/** Reads the item with a barcode (or a SKU); null when none has it. */
export const itemByCode = (code: string): Promise<Item | null> =>
  nullWhen(404, api.get<Item>(`/api/v1/items/${encodeURIComponent(code)}`));

/** The items of some SKUs (whether each tracks batches and expiry), by SKU. */
export function useItemsBySku(skus: readonly string[]): Map<string, Item> {
  const results = useQueries({
    queries: [...new Set(skus)].map((sku) => ({
      queryKey: ['/api/v1/items', sku],
      queryFn: () => itemByCode(sku),
      staleTime: 300_000,
    })),
  });
  return new Map(results.flatMap((r) => (r.data ? [[r.data.sku, r.data] as const] : [])));
}

/** The variance review of a stocktake: each counted difference, valued. */
export function useStocktakeVariances(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['document', 'stocktake', id, 'variances'],
    queryFn: () => api.get<StocktakeVariances>(`/api/v1/stocktakes/${encodeURIComponent(id)}/variances`),
    enabled,
  });
}

/** What an action answered: the document moved, or a wait for a second person's approval. */
export type ActionAnswer = { moved: DocumentView } | { waits: ApprovalRequired };

const isWait = (body: DocumentView | ApprovalRequired): body is ApprovalRequired =>
  'code' in body && body.code === 'approval_required';

/**
 * Creates a document or acts on one (at the version it was read, once however often it is sent);
 * every cached answer is read again after, since stock moved with it.
 */
export function useDocumentWrite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (w: { path: string; body: unknown; version?: number }): Promise<ActionAnswer> => {
      const body = await api.once<DocumentView | ApprovalRequired>(
        w.path,
        w.body,
        idempotencyKey(),
        w.version,
      );
      return isWait(body) ? { waits: body } : { moved: body };
    },
    // Done when the server has answered; the pages read again behind it.
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

/**
 * Saves an edit of a document at the version it was read (If-Match; a stale one is `409
 * conflict`); its page shows the saved document at once, and the other reads are read again.
 */
export function useDocumentEdit(collection: string, type: string, doc: DocumentView) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) =>
      api.patch<DocumentView>(`${collection}/${encodeURIComponent(doc.id)}`, body, doc.version),
    onSuccess: (saved) => {
      queryClient.setQueryData(['document', type, doc.id], saved);
      void queryClient.invalidateQueries();
    },
  });
}
