import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { User } from '@onhand/contracts';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { LoadMore } from '../../components/LoadMore';
import { LoadFailed } from '../../components/states';
import { showProblemOnFields } from '../../forms/problem-fields';
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

/** The people who may sign in: search, create, and edit their roles, warehouses and whether they are disabled. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState<string>();
  const list = useUsers(q);
  const save = useSaveUser();
  const [form] = Form.useForm<UserValues>();
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);

  const open = (user: User | null) => {
    setFormError(null);
    form.resetFields();
    if (user)
      form.setFieldsValue({
        name: user.name,
        roles: user.roles,
        warehouses: user.warehouses ?? [],
        disabled: user.disabled,
      });
    setEditing(user);
  };
  const submit = (values: UserValues) => {
    setFormError(null);
    save.mutate(
      { user: editing ?? null, body: bodyOf(values) },
      {
        onSuccess: (answer) => {
          if (heldForApproval(answer)) void message.info(t('users.waitsForApproval'));
          setEditing(undefined);
        },
        onError: (error) => setFormError(showProblemOnFields(form, error)),
      },
    );
  };

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2}>{t('users.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
          {t('users.new')}
        </Button>
      </div>
      <div className="filters">
        <Input.Search
          allowClear
          aria-label={t('common.search')}
          placeholder={t('common.search')}
          onSearch={(v) => setQ(v.trim() || undefined)}
        />
      </div>
      {list.error ? (
        <LoadFailed error={list.error} />
      ) : (
        <DataTable<User>
          rowKey="id"
          loading={list.loading}
          dataSource={list.rows}
          columns={[
            ...userColumns(t),
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, user: User) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => open(user)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <LoadMore list={list} />
      <Modal
        open={editing !== undefined}
        title={editing ? `${t('common.edit')} ${editing.email}` : t('users.new')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={submit} requiredMark>
          <UserFields editing={Boolean(editing)} />
        </Form>
        {formError && <Alert type="error" title={formError} />}
      </Modal>
    </div>
  );
}
