import { Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SearchBox } from '../../components/SearchBox';
import { labelOf } from '../../i18n/labels';
import { useWarehouseOptions } from '../stock/stock.queries';
import type { KindSpec } from './document-kind';
import { usePartners } from './documents.queries';

/** The query parameters the filters set, as the API list endpoints name them. */
export const FILTER_PARAMS = [
  'q',
  'status',
  'warehouse',
  'supplier',
  'customer',
  'channel',
  'sku',
  'from',
  'to',
] as const;
type FilterParam = (typeof FILTER_PARAMS)[number];

/** A typed filter, applied on Enter or when the field is left. */
function TextFilter({
  label,
  value,
  type,
  onChange,
}: {
  label: string;
  value: string | undefined;
  type?: 'date';
  onChange: (value: string | undefined) => void;
}) {
  return (
    <Input
      allowClear
      aria-label={label}
      placeholder={label}
      defaultValue={value}
      {...(type ? { type, prefix: label } : {})}
      onPressEnter={(e) => onChange(e.currentTarget.value.trim() || undefined)}
      onBlur={(e) => onChange(e.currentTarget.value.trim() || undefined)}
      onClear={() => onChange(undefined)}
    />
  );
}

/** The filters of a document list, kept in the page's URL. */
export function DocumentFilters({ spec }: { spec: KindSpec }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const has = (f: KindSpec['filters'][number]) => spec.filters.includes(f);
  const warehouses = useWarehouseOptions().data?.items ?? [];
  const suppliers = usePartners('suppliers', has('supplier')).data?.items ?? [];
  const customers = usePartners('customers', has('customer')).data?.items ?? [];
  const value = (name: FilterParam) => params.get(name) ?? undefined;
  const set = (name: FilterParam) => (next: string | undefined) => {
    if ((params.get(name) ?? undefined) === next) return;
    const changed = new URLSearchParams(params);
    if (next) changed.set(name, next);
    else changed.delete(name);
    setParams(changed, { replace: true });
  };
  const choice = (name: FilterParam, label: string, options: { value: string; label: string }[]) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={label}
      placeholder={label}
      value={value(name)}
      onChange={(v?: string) => set(name)(v)}
      options={options}
    />
  );
  const partnerOptions = (rows: { code: string; name: string }[]) =>
    rows.map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }));

  return (
    <div className="filters">
      {has('q') && (
        <SearchBox
          placeholder={t('documents.searchPlaceholder')}
          defaultValue={value('q')}
          onSearch={set('q')}
        />
      )}
      {has('status') &&
        choice(
          'status',
          t('common.status'),
          spec.statuses.map((s) => ({ value: s, label: labelOf('documentStatus', s) })),
        )}
      {has('warehouse') && choice('warehouse', t('stock.warehouse'), partnerOptions(warehouses))}
      {has('supplier') && choice('supplier', t('documents.fields.supplier'), partnerOptions(suppliers))}
      {has('customer') && choice('customer', t('documents.fields.customer'), partnerOptions(customers))}
      {has('channel') && (
        <TextFilter
          label={t('documents.fields.channel')}
          value={value('channel')}
          onChange={set('channel')}
        />
      )}
      {has('sku') && <TextFilter label={t('stock.sku')} value={value('sku')} onChange={set('sku')} />}
      {has('period') && (
        <>
          <TextFilter
            label={t('documents.periodFrom')}
            type="date"
            value={value('from')}
            onChange={set('from')}
          />
          <TextFilter label={t('documents.periodTo')} type="date" value={value('to')} onChange={set('to')} />
        </>
      )}
    </div>
  );
}
