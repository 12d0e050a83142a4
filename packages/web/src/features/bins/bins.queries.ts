import type { Bin, BinMove, BinStockRow } from '@onhand/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey } from '../../api/client';
import type { Page } from '../../api/lists';

const binsOf = (warehouse: string) => `/api/v1/warehouses/${encodeURIComponent(warehouse)}/bins`;
const BIN_STOCK = '/api/v1/stock/bins';

/** A bin as the form makes it. */
export interface BinBody {
  code: string;
  name?: string;
  default?: boolean;
}

/** A move between two bins of a warehouse, one line. */
export interface BinMoveBody {
  warehouse: string;
  reference?: string;
  lines: { sku: string; qty: number; from: string; to: string }[];
}

/** The bins of a warehouse. */
export function useBins(warehouse: string) {
  return useQuery({
    queryKey: [binsOf(warehouse)],
    queryFn: () => api.get<{ items: Bin[] }>(binsOf(warehouse)),
  });
}

/** What lies in each bin of a warehouse (a warehouse's bins hold a few hundred rows at most). */
export function useBinStock(warehouse: string) {
  return useQuery({
    queryKey: [BIN_STOCK, warehouse],
    queryFn: () => api.get<Page<BinStockRow>>(BIN_STOCK, { warehouse, limit: 500 }),
  });
}

/** Makes a bin in a warehouse. */
export function useCreateBin(warehouse: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BinBody) => api.post<Bin>(binsOf(warehouse), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [binsOf(warehouse)] }),
  });
}

/** Moves goods between bins (on hand unchanged), under an Idempotency-Key as every stock write. */
export function useMoveBetweenBins() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BinMoveBody) => api.once<BinMove>('/api/v1/bin-moves', body, idempotencyKey()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [BIN_STOCK] }),
  });
}
