import type { ExpiringRow } from '@onhand/contracts';
import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { qtyColumn, skuColumn } from '../../components/columns';
import { DataTable } from '../../components/DataTable';
import { LoadFailed } from '../../components/states';
import { useExpiringSoon } from './dashboard.queries';

/** Batches to act on first: expired or expiring within 30 days. */
export function ExpiringSoon() {
  const { t } = useTranslation();
  const expiring = useExpiringSoon();
  return (
    <Card size="small" title={t('dashboard.expiringSoon')}>
      {expiring.isError ? (
        <LoadFailed error={expiring.error} />
      ) : (
        <DataTable<ExpiringRow>
          rowKey={(r) => `${r.sku}|${r.warehouse}|${r.batch}`}
          loading={expiring.isPending}
          dataSource={expiring.data?.items ?? []}
          columns={[
            skuColumn(t),
            { title: t('stock.warehouse'), dataIndex: 'warehouse' },
            { title: t('stock.batch'), dataIndex: 'batch' },
            { title: t('stock.expiresOn'), dataIndex: 'expiresOn' },
            {
              title: t('dashboard.daysLeft'),
              dataIndex: 'daysLeft',
              render: (days: number) =>
                days < 0 ? <Tag color="red">{t('dashboard.expired')}</Tag> : <Tag color="orange">{days}</Tag>,
            },
            qtyColumn(t('common.qty')),
          ]}
        />
      )}
    </Card>
  );
}
