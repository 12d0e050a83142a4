import type { ApiToken } from '@onhand/contracts';
import { App, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { columnsCard } from '../../components/ColumnsCard';
import { PageHead } from '../../components/PageHead';
import { QueryTable } from '../../components/QueryTable';
import { FormDialog } from '../../forms/FormDialog';
import { useEditDialog } from '../../forms/use-edit-dialog';
import { PermissionsField } from '../users/PermissionsField';
import { heldForApproval } from '../users/users.queries';
import { WarehousesField } from '../users/WarehousesField';
import { apiTokenColumns } from './api-token-columns';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './api-tokens.queries';
import { TokenSecretDialog } from './TokenSecretDialog';

interface TokenValues {
  name: string;
  permissions: string[];
  warehouses?: string[];
}

/** Tokens for machines: list, make one (its secret shown once) and revoke. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const list = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<TokenValues>();
  const dialog = useEditDialog<ApiToken, TokenValues>(form, () => ({}));
  const columns = apiTokenColumns(t, (token) => revoke.mutate(token.id));

  const submit = ({ warehouses, ...values }: TokenValues) => {
    dialog.saving();
    create.mutate(
      { ...values, name: values.name.trim(), warehouses: warehouses?.length ? warehouses : null },
      {
        onSuccess: (answer) => {
          dialog.close();
          if (heldForApproval(answer)) void message.info(t('apiTokens.waitsForApproval'));
          else setSecret(answer.token);
        },
        onError: dialog.refused,
      },
    );
  };

  return (
    <div className="page">
      <PageHead title={t('apiTokens.title')} newLabel={t('apiTokens.new')} onNew={() => dialog.open(null)} />
      <QueryTable<ApiToken>
        query={list}
        rowKey="id"
        columns={columns}
        card={columnsCard((token) => token.id, columns)}
      />
      <FormDialog
        form={form}
        open={dialog.editing !== undefined}
        title={t('apiTokens.new')}
        saving={create.isPending}
        error={dialog.error}
        onFinish={submit}
        onCancel={dialog.close}
      >
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <PermissionsField permissions={me.data?.permissions ?? []} />
        <WarehousesField />
      </FormDialog>
      <TokenSecretDialog secret={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
