import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { DOCUMENT_COLLECTIONS } from './document-paths';

/** What every kind of document has in common, as the web app reads it. */
export interface AnyDocument {
  id: string;
  number?: string;
  status: string;
  warehouse?: string;
  from?: string;
  to?: string;
  reference: string | null;
  createdAt: string;
  lines: { line: number; sku: string; qty: number }[];
  history: { at: string; user: { email: string } | null; action: string; toStatus: string }[];
}

/** A document of any kind by its type (as the ledger names it) and id; nothing is read for an unknown type. */
export function useDocument(type: string, id: string) {
  const collection = DOCUMENT_COLLECTIONS[type];
  return useQuery({
    queryKey: ['document', type, id],
    queryFn: () => api.get<AnyDocument>(`/api/v1/${collection}/${encodeURIComponent(id)}`),
    enabled: collection !== undefined,
  });
}
