import type { TableColumnType } from 'antd';
import { Form, Input } from 'antd';
import type { TFunction } from 'i18next';

/** The code and name columns every partner and warehouse list starts with. */
export function codeAndNameColumns<T>(t: TFunction): TableColumnType<T>[] {
  return [
    { title: t('common.code'), dataIndex: 'code' },
    { title: t('common.name'), dataIndex: 'name' },
  ];
}

/** The code (fixed once created) and name fields every partner and warehouse form starts with. */
export function CodeAndNameFields({ t, editing }: { t: TFunction; editing: boolean }) {
  return (
    <>
      <Form.Item name="code" label={t('common.code')} rules={[{ required: true }]}>
        <Input disabled={editing} maxLength={64} />
      </Form.Item>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}
