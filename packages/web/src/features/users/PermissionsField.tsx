import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** A multiple choice among the permissions offered (required: at least one). */
export function PermissionsField({ permissions }: { permissions: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="permissions" label={t('roles.permissions')} rules={[{ required: true }]}>
      <Select mode="multiple" options={permissions.map((p) => ({ value: p, label: p }))} />
    </Form.Item>
  );
}
