import type { StockRow } from '@onhand/contracts';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { qtyColumn, skuColumn } from '../../components/columns';
import { DataTable } from '../../components/DataTable';
import { LoadFailed } from '../../components/states';
import { useLowStock } from './dashboard.queries';

/** What to reorder or move first: available below the safety stock. */
export function LowStock() {
  const { t } = useTranslation();
  const low = useLowStock();
  return (
    <Card size="small" title={t('dashboard.lowStock')} data-list="low-stock">
      {low.isError ? (
        <LoadFailed error={low.error} />
      ) : (
        <DataTable<StockRow>
          rowKey={(r) => `${r.sku}|${r.warehouse}`}
          loading={low.isPending}
          dataSource={low.data?.items ?? []}
          columns={[
            skuColumn(t),
            { title: t('stock.warehouse'), dataIndex: 'warehouse' },
            qtyColumn(t('quantity.available'), 'available'),
            qtyColumn(t('dashboard.safetyStock'), 'safetyStock'),
          ]}
        />
      )}
    </Card>
  );
}
