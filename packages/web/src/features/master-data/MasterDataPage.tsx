import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { CursorTable } from '../../components/CursorTable';
import { editColumn } from '../../components/columns';
import { SearchBox } from '../../components/SearchBox';
import { FormDialog } from '../../forms/FormDialog';
import { useEditDialog } from '../../forms/use-edit-dialog';
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
  const dialog = useEditDialog<T, FormValues>(form, resource.toForm);
  const { editing } = dialog;

  const submit = (values: FormValues) => {
    dialog.saving();
    const record = editing ?? null;
    save.mutate(
      { record, body: bodyOf(values, record !== null, resource.codeField) },
      { onSuccess: dialog.close, onError: dialog.refused },
    );
  };

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2}>{resource.title(t)}</Typography.Title>
        {mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => dialog.open(null)}>
            {resource.newTitle(t)}
          </Button>
        )}
      </div>
      <div className="filters">
        <SearchBox onSearch={setQ} />
      </div>
      <CursorTable<T>
        list={list}
        rowKey="id"
        columns={[
          ...resource.columns(t),
          {
            title: t('common.status'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
          },
          ...(mayManage ? [editColumn<T>(t, dialog.open)] : []),
        ]}
      />
      <FormDialog
        form={form}
        open={editing !== undefined}
        title={
          editing
            ? `${t('common.edit')} ${String(resource.toForm(editing)[resource.codeField])}`
            : resource.newTitle(t)
        }
        saving={save.isPending}
        error={dialog.error}
        onFinish={submit}
        onCancel={dialog.close}
      >
        {resource.fields(t, Boolean(editing))}
      </FormDialog>
    </div>
  );
}
