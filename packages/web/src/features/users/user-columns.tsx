import type { User } from '@onhand/contracts';
import type { TableColumnType } from 'antd';
import { Space, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { formatTime } from '../../components/format';

/** Codes as tags. */
const tags = (codes: string[]) => (
  <Space size={[0, 4]} wrap>
    {codes.map((c) => (
      <Tag key={c}>{c}</Tag>
    ))}
  </Space>
);

/** The users list's columns: e-mail, name, roles, warehouses, disabled, last sign-in. */
export function userColumns(t: TFunction): TableColumnType<User>[] {
  return [
    { title: t('users.email'), dataIndex: 'email' },
    { title: t('users.name'), dataIndex: 'name' },
    { title: t('users.roles'), dataIndex: 'roles', render: tags },
    {
      title: t('users.warehouses'),
      dataIndex: 'warehouses',
      render: (codes: string[] | null) => (codes ? tags(codes) : t('users.allWarehouses')),
    },
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
