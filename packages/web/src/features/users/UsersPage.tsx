import type { User } from '@onhand/contracts';
import { App, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { columnsCard } from '../../components/ColumnsCard';
import { CursorTable } from '../../components/CursorTable';
import { editColumn } from '../../components/columns';
import { PageHead } from '../../components/PageHead';
import { SearchBox } from '../../components/SearchBox';
import { FormDialog } from '../../forms/FormDialog';
import { useEditDialog } from '../../forms/use-edit-dialog';
import { UserFields } from './UserFields';
import { userColumns } from './user-columns';
import { heldForApproval, type UserBody, useSaveUser, useUsers } from './users.queries';

interface UserValues {
  email?: string;
  name: string;
  password?: string;
  roles: string[];
  warehouses?: string[];
  disabled?: boolean;
}

/** The form's values as a request body: no warehouse chosen means every warehouse. */
function bodyOf({ warehouses, email, ...values }: UserValues): UserBody {
  return {
    ...values,
    ...(email === undefined ? {} : { email: email.trim() }),
    name: values.name.trim(),
    warehouses: warehouses && warehouses.length > 0 ? warehouses : null,
  };
}

/** A person as the edit form holds them. */
const toForm = (user: User) => ({
  name: user.name,
  roles: user.roles,
  warehouses: user.warehouses ?? [],
  disabled: user.disabled,
});

/** The people who may sign in: search, create, and edit their roles, warehouses and whether they are disabled. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState<string>();
  const list = useUsers(q);
  const save = useSaveUser();
  const [form] = Form.useForm<UserValues>();
  const dialog = useEditDialog<User, UserValues>(form, toForm);
  const { editing } = dialog;

  const columns = [...userColumns(t), editColumn<User>(t, dialog.open)];

  const submit = (values: UserValues) => {
    dialog.saving();
    save.mutate(
      { user: editing ?? null, body: bodyOf(values) },
      {
        onSuccess: (answer) => {
          if (heldForApproval(answer)) void message.info(t('users.waitsForApproval'));
          dialog.close();
        },
        onError: dialog.refused,
      },
    );
  };

  return (
    <div className="page">
      <PageHead title={t('users.title')} newLabel={t('users.new')} onNew={() => dialog.open(null)} />
      <div className="filters">
        <SearchBox onSearch={setQ} />
      </div>
      <CursorTable<User>
        list={list}
        rowKey="id"
        columns={columns}
        card={columnsCard((user) => user.id, columns)}
      />
      <FormDialog
        form={form}
        open={editing !== undefined}
        title={editing ? `${t('common.edit')} ${editing.email}` : t('users.new')}
        saving={save.isPending}
        error={dialog.error}
        onFinish={submit}
        onCancel={dialog.close}
      >
        <UserFields editing={Boolean(editing)} />
      </FormDialog>
    </div>
  );
}
