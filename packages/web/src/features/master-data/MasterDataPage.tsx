import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { LoadMore } from '../../components/LoadMore';
import { LoadFailed } from '../../components/states';
import { showProblemOnFields } from '../../forms/problem-fields';
import { useMasterList, useSaveMaster } from './master-data.queries';
import { bodyOf, type FormValues, type MasterDataResource, type MasterRecord } from './resource';

/** The list of one kind of master data with search, and create / edit for those who may. */
export function MasterDataPage<T extends MasterRecord>({ resource }: { resource: MasterDataResource<T> }) {
  const { t } = useTranslation();
  const [q, setQ] = useState<string>();
  const list = useMasterList<T>(resource.path, q);
  const mayManage = useCan(resource.manage);
  const save = useSaveMaster<T>(resource.path);
  const [form] = Form.useForm<FormValues>();
  const [editing, setEditing] = useState<T | null | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);

  const open = (record: T | null) => {
    setFormError(null);
    form.resetFields();
    if (record) form.setFieldsValue(resource.toForm(record));
    setEditing(record);
  };
  const submit = (values: FormValues) => {
    setFormError(null);
    const record = editing ?? null;
    save.mutate(
      { record, body: bodyOf(values, record !== null, resource.codeField) },
      {
        onSuccess: () => setEditing(undefined),
        onError: (error) => setFormError(showProblemOnFields(form, error)),
      },
    );
  };

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2}>{resource.title(t)}</Typography.Title>
        {mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
            {resource.newTitle(t)}
          </Button>
        )}
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
        <DataTable<T>
          rowKey="id"
          loading={list.loading}
          dataSource={list.rows}
          columns={[
            ...resource.columns(t),
            {
              title: t('common.status'),
              dataIndex: 'active',
              render: (active: boolean) =>
                active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
            },
            ...(mayManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, record: T) => (
                      <Button size="small" icon={<EditOutlined />} onClick={() => open(record)}>
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <LoadMore list={list} />
      <Modal
        open={editing !== undefined}
        title={
          editing
            ? `${t('common.edit')} ${String(resource.toForm(editing)[resource.codeField])}`
            : resource.newTitle(t)
        }
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={submit} requiredMark>
          {resource.fields(t, Boolean(editing))}
        </Form>
        {formError && <Alert type="error" title={formError} />}
      </Modal>
    </div>
  );
}
