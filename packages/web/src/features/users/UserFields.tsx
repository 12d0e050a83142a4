import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoles } from './users.queries';
import { WarehousesField } from './WarehousesField';

/** The user form's fields: e-mail and password only when creating, disabled only when editing. */
export function UserFields({ editing }: { editing: boolean }) {
  const { t } = useTranslation();
  const roles = useRoles();
  return (
    <>
      {!editing && (
        <Form.Item name="email" label={t('users.email')} rules={[{ required: true }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('users.name')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      {!editing && (
        <Form.Item name="password" label={t('users.password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true }]}>
        <Select
          mode="multiple"
          loading={roles.isPending}
          options={roles.data?.items.map((r) => ({ value: r.name, label: r.name }))}
        />
      </Form.Item>
      <WarehousesField />
      {editing && (
        <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </>
  );
}
