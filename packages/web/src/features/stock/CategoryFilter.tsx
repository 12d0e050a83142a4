import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCategories } from '../master-data/categories.queries';

/** A category of the tree; choosing one shows it and every category below it. */
export function CategoryFilter({
  value,
  onChange,
}: {
  value?: string | undefined;
  onChange: (path?: string) => void;
}) {
  const { t } = useTranslation();
  const nodes = useCategories().data?.items ?? [];
  return (
    <TreeSelect
      allowClear
      showSearch
      treeDefaultExpandAll
      aria-label={t('stock.category')}
      placeholder={t('stock.category')}
      value={value}
      onChange={(path?: string) => onChange(path)}
      treeDataSimpleMode={{ id: 'value', pId: 'parent' }}
      treeData={nodes.map((node) => ({
        value: node.path,
        parent: node.parent ?? undefined,
        title: `${node.name} (${node.itemCount})`,
      }))}
    />
  );
}
