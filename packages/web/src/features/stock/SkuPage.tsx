import { BarcodeOutlined } from '@ant-design/icons';
import type { BatchStockRow, BinStockRow, StockRow } from '@onhand/contracts';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan } from '../../auth/session';
import { qtyColumn } from '../../components/columns';
import { DataTable } from '../../components/DataTable';
import { LoadFailed, Loading, Nothing } from '../../components/states';
import { LabelsDialog } from '../labels/LabelsDialog';
import type { LabelTarget } from '../labels/labels';
import { AvailabilityExplained } from './AvailabilityExplained';
import { quantityColumns } from './quantity-columns';
import { SkuLedger } from './SkuLedger';
import { StockLevels } from './StockLevels';
import { useItemBySku, useSkuBalances, useSkuBatches, useSkuBins } from './stock.queries';

/** One SKU: its balances per warehouse (with why available is what it is), batch and bin, and its ledger. */
export function SkuPage() {
  const { t } = useTranslation();
  const sku = useParams().sku ?? '';
  const item = useItemBySku(sku);
  const balances = useSkuBalances(sku);
  const batches = useSkuBatches(sku);
  const bins = useSkuBins(sku);
  const readsLedger = useCan('ledger.read');
  const [labels, setLabels] = useState<LabelTarget | null>(null);

  if (item.isPending) return <Loading />;
  if (item.isError) return <LoadFailed error={item.error} />;
  if (!item.data) return <Nothing text={t('stock.notFound')} />;
  const it = item.data;

  return (
    <Space orientation="vertical" size="middle" className="page">
      <div className="page-head">
        <Typography.Title level={2}>
          {it.sku} · {it.name}
        </Typography.Title>
      </div>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('items.category')}>{it.category ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('items.unit')}>{it.unit}</Descriptions.Item>
        <Descriptions.Item label={t('items.barcodes')}>
          {it.barcodes.length ? it.barcodes.map((b) => <Tag key={b}>{b}</Tag>) : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('items.batchTracked')}>
          {it.batchTracked ? t('common.yes') : t('common.no')}
        </Descriptions.Item>
      </Descriptions>

      <Card size="small" title={t('stock.balances')}>
        <DataTable<StockRow>
          rowKey="warehouse"
          loading={balances.isPending}
          dataSource={balances.data?.items ?? []}
          expandable={{ expandedRowRender: (row) => <AvailabilityExplained row={row} /> }}
          columns={[{ title: t('stock.warehouse'), dataIndex: 'warehouse' }, ...quantityColumns<StockRow>(t)]}
        />
      </Card>

      <Card
        size="small"
        title={t('stock.batches')}
        extra={
          batches.data?.items.some((b) => b.batch !== null) && (
            <Button
              size="small"
              icon={<BarcodeOutlined />}
              onClick={() => setLabels({ for: 'batches', sku: [it.sku] })}
            >
              {t('labels.action')}
            </Button>
          )
        }
      >
        <DataTable<BatchStockRow>
          rowKey={(r) => `${r.warehouse}|${r.batch}`}
          loading={batches.isPending}
          dataSource={batches.data?.items ?? []}
          columns={[
            { title: t('stock.warehouse'), dataIndex: 'warehouse' },
            {
              title: t('stock.batch'),
              dataIndex: 'batch',
              render: (b: string | null) => b ?? t('common.none'),
            },
            {
              title: t('stock.expiresOn'),
              dataIndex: 'expiresOn',
              render: (d: string | null) => d ?? t('common.none'),
            },
            qtyColumn(t('common.qty')),
          ]}
        />
      </Card>

      <Card size="small" title={t('stock.bins')}>
        <DataTable<BinStockRow>
          rowKey={(r) => `${r.warehouse}|${r.bin}`}
          loading={bins.isPending}
          dataSource={bins.data?.items ?? []}
          columns={[
            { title: t('stock.warehouse'), dataIndex: 'warehouse' },
            { title: t('stock.bin'), dataIndex: 'bin' },
            qtyColumn(t('common.qty')),
            {
              key: 'labels',
              render: (_: unknown, r: BinStockRow) => (
                <Button
                  size="small"
                  icon={<BarcodeOutlined />}
                  onClick={() => setLabels({ for: 'bins', warehouse: r.warehouse, bin: [r.bin] })}
                >
                  {t('labels.action')}
                </Button>
              ),
            },
          ]}
        />
      </Card>

      <StockLevels sku={sku} />

      {readsLedger && <SkuLedger sku={sku} />}
      <LabelsDialog target={labels} onClose={() => setLabels(null)} />
    </Space>
  );
}
