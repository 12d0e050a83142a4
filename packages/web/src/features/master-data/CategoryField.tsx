import { AutoComplete } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCategories } from './categories.queries';

/** An item's category path (`食品/饮料`): typed, or one the items already use. */
export function CategoryField({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (path: string) => void;
}) {
  const { t } = useTranslation();
  const paths = (useCategories().data?.items ?? []).map((node) => node.path);
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={onChange}
      allowClear
      placeholder={t('items.categoryPlaceholder')}
      options={paths.map((path) => ({ value: path }))}
      filterOption={(typed, option) => String(option?.value ?? '').includes(typed)}
    />
  );
}
