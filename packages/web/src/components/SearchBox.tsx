import { Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** A search field: what was typed, trimmed, on Enter (undefined when blank). */
export function SearchBox({
  placeholder,
  defaultValue,
  onSearch,
}: {
  placeholder?: string;
  defaultValue?: string | undefined;
  onSearch: (q: string | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <Input.Search
      allowClear
      aria-label={t('common.search')}
      placeholder={placeholder ?? t('common.search')}
      defaultValue={defaultValue}
      onSearch={(value) => onSearch(value.trim() || undefined)}
    />
  );
}
