import type { ApiToken } from '@onhand/contracts';
import type { TableColumnType } from 'antd';
import { Button, Popconfirm } from 'antd';
import type { TFunction } from 'i18next';
import { tags, timeColumn, warehousesColumn } from '../../components/columns';
import { formatTime } from '../../components/format';

/** The tokens list's columns: name, permissions, warehouses, created, last used, and Revoke. */
export function apiTokenColumns(
  t: TFunction,
  revoke: (token: ApiToken) => void,
): TableColumnType<ApiToken>[] {
  return [
    { title: t('common.name'), dataIndex: 'name' },
    { title: t('roles.permissions'), dataIndex: 'permissions', render: tags },
    warehousesColumn<ApiToken>(t),
    { ...timeColumn<ApiToken>(t, 'createdAt'), title: t('apiTokens.created') },
    {
      title: t('apiTokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      render: (at: string | null) => (at ? formatTime(at) : t('users.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, token: ApiToken) => (
        <Popconfirm
          title={t('apiTokens.revokeConfirm')}
          okText={t('apiTokens.revoke')}
          cancelText={t('common.cancel')}
          onConfirm={() => revoke(token)}
        >
          <Button size="small" danger>
            {t('apiTokens.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
}
