import type { User } from '@onhand/contracts';
import type { TableColumnType } from 'antd';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { tags, warehousesColumn } from '../../components/columns';
import { formatTime } from '../../components/format';

/** The users list's columns: e-mail, name, roles, warehouses, disabled, last sign-in. */
export function userColumns(t: TFunction): TableColumnType<User>[] {
  return [
    { title: t('users.email'), dataIndex: 'email' },
    { title: t('users.name'), dataIndex: 'name' },
    { title: t('users.roles'), dataIndex: 'roles', render: tags },
    warehousesColumn<User>(t),
    {
      title: t('common.status'),
      dataIndex: 'disabled',
      render: (disabled: boolean) =>
        disabled ? (
          <Tag color="red">{t('users.disabled')}</Tag>
        ) : (
          <Tag color="green">{t('common.active')}</Tag>
        ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (at: string | null) => (at ? formatTime(at) : t('users.never')),
    },
  ];
}
