import type { Dashboard, ExpiringRow, StockRow } from '@onhand/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/lists';

/** The dashboard's figures, refreshed every minute while it is open. */
export function useDashboard() {
  return useQuery({
    queryKey: ['/api/v1/dashboard'],
    queryFn: () => api.get<Dashboard>('/api/v1/dashboard'),
    refetchInterval: 60_000,
  });
}

/** The batches that expire soonest (or have expired), within 30 days. */
export function useExpiringSoon() {
  return useQuery({
    queryKey: ['/api/v1/reports/expiring', 30],
    queryFn: () => api.get<Page<ExpiringRow>>('/api/v1/reports/expiring', { days: 30, limit: 10 }),
  });
}

/** SKU × warehouse rows whose available quantity is below their safety stock. */
export function useLowStock() {
  return useQuery({
    queryKey: ['/api/v1/stock', 'belowSafetyStock'],
    queryFn: () => api.get<Page<StockRow>>('/api/v1/stock', { belowSafetyStock: 'true', limit: 10 }),
  });
}
