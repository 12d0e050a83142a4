import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useItemSearch } from './documents.queries';

/** A SKU picked by searching items by SKU, name or barcode. */
export function SkuSelect({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (sku: string) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useItemSearch(q).data?.items ?? [];
  return (
    <Select
      {...(id ? { id } : {})}
      value={value}
      onChange={onChange}
      placeholder={t('stock.searchPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={q ? t('documents.noItemFound') : null}
      options={found.map((item) => ({ value: item.sku, label: `${item.sku} · ${item.name}` }))}
      popupMatchSelectWidth={false}
      className="line-sku"
    />
  );
}
