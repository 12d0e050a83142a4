import type { StockRow } from '@onhand/contracts';
import { Checkbox, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CursorTable } from '../../components/CursorTable';
import { skuColumn } from '../../components/columns';
import { formatQty } from '../../components/format';
import { SearchBox } from '../../components/SearchBox';
import { CategoryFilter } from './CategoryFilter';
import { quantityColumns } from './quantity-columns';
import { StockCard } from './StockCard';
import { type StockFilters, useStockList, useWarehouseOptions } from './stock.queries';

const keyOf = (r: StockRow) => `${r.sku}|${r.warehouse}`;

const FILTERS = ['warehouse', 'region', 'category', 'q', 'belowSafetyStock'] as const;

/** Stock per SKU × warehouse with the five quantities, filtered by warehouse, region, category or search. */
export function StockListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: StockFilters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]));
  const setFilter = (name: (typeof FILTERS)[number], value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const stock = useStockList(filters);
  const warehouses = useWarehouseOptions().data?.items ?? [];
  const regions = [...new Set(warehouses.flatMap((w) => (w.region ? [w.region] : [])))];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2}>{t('stock.title')}</Typography.Title>
      </div>
      <div className="filters">
        <SearchBox
          placeholder={t('stock.searchPlaceholder')}
          defaultValue={filters.q}
          onSearch={(q) => setFilter('q', q)}
        />
        <Select
          allowClear
          aria-label={t('stock.warehouse')}
          placeholder={t('stock.warehouse')}
          value={filters.warehouse}
          onChange={(value?: string) => setFilter('warehouse', value)}
          options={warehouses.map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))}
        />
        <Select
          allowClear
          aria-label={t('stock.region')}
          placeholder={t('stock.region')}
          value={filters.region}
          onChange={(value?: string) => setFilter('region', value)}
          options={regions.map((r) => ({ value: r, label: r }))}
        />
        <CategoryFilter value={filters.category} onChange={(path) => setFilter('category', path)} />
        <Checkbox
          checked={filters.belowSafetyStock === 'true'}
          onChange={(e) => setFilter('belowSafetyStock', e.target.checked ? 'true' : undefined)}
        >
          {t('dashboard.lowStock')}
        </Checkbox>
      </div>
      <CursorTable<StockRow>
        list={stock}
        rowKey={keyOf}
        card={{ key: keyOf, render: (r) => <StockCard row={r} /> }}
        columns={[
          { ...skuColumn(t), fixed: 'left' },
          { title: t('stock.name'), dataIndex: 'name' },
          { title: t('stock.warehouse'), dataIndex: 'warehouse' },
          ...quantityColumns<StockRow>(t),
          {
            title: t('dashboard.safetyStock'),
            dataIndex: 'safetyStock',
            align: 'right',
            className: 'number',
            render: (level: number | null, row) =>
              level === null ? (
                t('common.none')
              ) : row.belowSafetyStock ? (
                <Tag color="red">{formatQty(level)}</Tag>
              ) : (
                formatQty(level)
              ),
          },
        ]}
      />
    </div>
  );
}
