import type { Role } from '@onhand/contracts';
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { columnsCard } from '../../components/ColumnsCard';
import { PageHead } from '../../components/PageHead';
import { QueryTable } from '../../components/QueryTable';
import { FormDialog } from '../../forms/FormDialog';
import { useEditDialog } from '../../forms/use-edit-dialog';
import { PermissionsField } from '../users/PermissionsField';
import { heldForApproval, useRoles } from '../users/users.queries';
import { roleColumns } from './role-columns';
import { permissionsOf, useCreateRole } from './roles.queries';

interface RoleValues {
  name: string;
  description?: string;
  permissions: string[];
}

/** The roles, built-in and custom, with their permissions; a custom role is made here. */
export function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roles = useRoles();
  const create = useCreateRole();
  const [form] = Form.useForm<RoleValues>();
  const dialog = useEditDialog<Role, RoleValues>(form, () => ({}));
  const columns = roleColumns(t);

  const submit = ({ description, ...values }: RoleValues) => {
    dialog.saving();
    create.mutate(
      {
        ...values,
        name: values.name.trim(),
        ...(description?.trim() ? { description: description.trim() } : {}),
      },
      {
        onSuccess: (answer) => {
          if (heldForApproval(answer)) void message.info(t('roles.waitsForApproval'));
          dialog.close();
        },
        onError: dialog.refused,
      },
    );
  };

  return (
    <div className="page">
      <PageHead title={t('roles.title')} newLabel={t('roles.new')} onNew={() => dialog.open(null)} />
      <QueryTable<Role>
        query={roles}
        rowKey="name"
        columns={columns}
        card={columnsCard((role) => role.name, columns)}
      />
      <FormDialog
        form={form}
        open={dialog.editing !== undefined}
        title={t('roles.new')}
        saving={create.isPending}
        error={dialog.error}
        onFinish={submit}
        onCancel={dialog.close}
      >
        <Form.Item name="name" label={t('roles.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')}>
          <Input />
        </Form.Item>
        <PermissionsField permissions={permissionsOf(roles.data?.items ?? [])} />
      </FormDialog>
    </div>
  );
}
