import type {
  BatchStockRow,
  BinStockRow,
  Item,
  LedgerEntry,
  PurchaseOrder,
  Reservation,
  StockRow,
  Transfer,
  Warehouse,
} from '@onhand/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, nullWhen } from '../../api/client';
import { type Page, useCursorList } from '../../api/lists';

/** The stock list's filters, as in the page's URL. */
export interface StockFilters {
  warehouse?: string | undefined;
  region?: string | undefined;
  category?: string | undefined;
  q?: string | undefined;
  /** 'true': only rows below their safety stock. */
  belowSafetyStock?: string | undefined;
}

/** Stock rows (SKU × warehouse) matching the filters, page by page. */
export const useStockList = (filters: StockFilters) =>
  useCursorList<StockRow>('/api/v1/stock', { ...filters });

/** Every warehouse the reader sees (for filters and names). */
export function useWarehouseOptions() {
  return useQuery({
    queryKey: ['/api/v1/warehouses', 'all'],
    queryFn: () => api.get<Page<Warehouse>>('/api/v1/warehouses', { limit: 500 }),
    staleTime: 300_000,
  });
}

/** The item with this SKU (null when no item has it). */
export function useItemBySku(sku: string) {
  return useQuery({
    queryKey: ['/api/v1/items', sku],
    queryFn: () => nullWhen(404, api.get<Item>(`/api/v1/items/${encodeURIComponent(sku)}`)),
  });
}

/** Everything of one SKU: a list read whole for the SKU page (a SKU has few rows of each). */
function useSkuList<T>(path: string, sku: string, extra: Record<string, string> = {}) {
  return useQuery({
    queryKey: [path, 'sku', sku, extra],
    queryFn: () => api.get<Page<T>>(path, { sku, limit: 500, ...extra }),
  });
}

export const useSkuBalances = (sku: string) => useSkuList<StockRow>('/api/v1/stock', sku);
export const useSkuBatches = (sku: string) => useSkuList<BatchStockRow>('/api/v1/stock/batches', sku);
export const useSkuBins = (sku: string) => useSkuList<BinStockRow>('/api/v1/stock/bins', sku);
export const useSkuReservations = (sku: string) =>
  useSkuList<Reservation>('/api/v1/reservations', sku, { status: 'active' });
export const useSkuLedger = (sku: string) => useCursorList<LedgerEntry>('/api/v1/ledger', { sku });

/** Documents of some statuses that name the SKU: what lies behind reserved, in transit and incoming. */
function useOpenDocuments<T>(path: string, sku: string, statuses: readonly string[], enabled: boolean) {
  return useQuery({
    queryKey: [path, 'open', sku, statuses],
    queryFn: async () => {
      const pages = await Promise.all(
        statuses.map((status) => api.get<Page<T>>(path, { sku, status, limit: 100 })),
      );
      return pages.flatMap((p) => p.items);
    },
    enabled,
  });
}

/** Transfers confirmed (reserved at the source) or shipped (in transit) with the SKU. */
export const useTransfersInFlight = (sku: string, enabled: boolean) =>
  useOpenDocuments<Transfer>(
    '/api/v1/transfers',
    sku,
    ['confirmed', 'shipped', 'partially_received'],
    enabled,
  );

/** Approved purchase orders still expecting the SKU (incoming). */
export const useOpenPurchaseOrders = (sku: string, enabled: boolean) =>
  useOpenDocuments<PurchaseOrder>(
    '/api/v1/purchase-orders',
    sku,
    ['approved', 'partially_received'],
    enabled,
  );
