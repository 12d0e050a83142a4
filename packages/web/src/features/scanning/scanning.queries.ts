import type { Item } from '@onhand/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, nullWhen } from '../../api/client';
import {
  openDocuments,
  type ScanDocument,
  type ScanJob,
  type ScannedLine,
  type ScanOutcome,
  scanDocument,
} from './scan-jobs';

/** A document on the scanning screen with the items of its lines (their barcodes). */
export interface ScanWork {
  doc: ScanDocument;
  items: Item[];
}

/** The item with this id, SKU or barcode (null: none has it). */
export const itemByCode = (code: string) =>
  nullWhen(404, api.get<Item>(`/api/v1/items/${encodeURIComponent(code)}`));

/** The documents a job can be done on now. */
export function useOpenDocuments(job: ScanJob, enabled: boolean) {
  return useQuery({
    queryKey: ['scan', job.kind, 'open'],
    queryFn: () => openDocuments(job),
    enabled,
  });
}

/**
 * One document to scan against, with its items: read afresh on each visit, and not again while the
 * screen is open (the scans live on it until confirmed).
 */
export function useScanWork(job: ScanJob, id: string) {
  return useQuery({
    queryKey: ['scan', job.kind, id],
    queryFn: async (): Promise<ScanWork> => {
      const doc = await scanDocument(job, id);
      const ids = [...new Set(doc.lines.map((l) => l.itemId))];
      const items = await Promise.all(ids.map((itemId) => api.get<Item>(`/api/v1/items/${itemId}`)));
      return { doc, items };
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}

/** Confirms a job with what was scanned; every read of documents and stock is stale afterwards. */
export function useConfirmScan(job: ScanJob) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      doc: ScanDocument;
      scanned: readonly ScannedLine[];
      key: string;
      mayPost: boolean;
    }): Promise<ScanOutcome> => job.confirm(v.doc, v.scanned, v.key, v.mayPost),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
