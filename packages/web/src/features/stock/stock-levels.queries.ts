import type { StockLevel } from '@onhand/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/lists';

const LEVELS = '/api/v1/stock-levels';

/** What a person sets for a SKU in a warehouse: the safety stock, and optionally min and max. */
export interface StockLevelBody {
  sku: string;
  warehouse: string;
  safetyStock: number;
  min: number | null;
  max: number | null;
}

/** The levels set for a SKU, one per warehouse. */
export function useSkuLevels(sku: string) {
  return useQuery({
    queryKey: [LEVELS, sku],
    queryFn: () => api.get<Page<StockLevel>>(LEVELS, { sku, limit: 500 }),
  });
}

/** Sets the levels of a SKU in a warehouse; the stock rows (below safety stock or not) are read again. */
export function useSetLevels() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StockLevelBody) => api.put<StockLevel>(LEVELS, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [LEVELS] });
      await queryClient.invalidateQueries({ queryKey: ['/api/v1/stock'] });
    },
  });
}
