import type { Role } from '@onhand/contracts';
import type { TableColumnType } from 'antd';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { tags } from '../../components/columns';

/** The roles list's columns: name, kind, description, permissions. */
export function roleColumns(t: TFunction): TableColumnType<Role>[] {
  return [
    { title: t('roles.name'), dataIndex: 'name' },
    {
      title: t('roles.kind'),
      dataIndex: 'builtIn',
      render: (builtIn: boolean) =>
        builtIn ? <Tag>{t('roles.builtIn')}</Tag> : <Tag color="blue">{t('roles.custom')}</Tag>,
    },
    { title: t('roles.description'), dataIndex: 'description' },
    { title: t('roles.permissions'), dataIndex: 'permissions', render: tags },
  ];
}
