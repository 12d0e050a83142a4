import { BarcodeOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, type TableColumnType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { columnsCard } from '../../components/ColumnsCard';
import { CursorTable } from '../../components/CursorTable';
import { editColumn } from '../../components/columns';
import { SearchBox } from '../../components/SearchBox';
import { FormDialog } from '../../forms/FormDialog';
import { useEditDialog } from '../../forms/use-edit-dialog';
import { LabelsDialog } from '../labels/LabelsDialog';
import type { LabelTarget } from '../labels/labels';
import { ImportExportButtons } from './ImportExportButtons';
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
  const [selected, setSelected] = useState<T[]>([]);
  const [labels, setLabels] = useState<LabelTarget | null>(null);
  const { labelsForSelected, labelsForRow } = resource;

  const columns: TableColumnType<T>[] = [
    ...resource.columns(t),
    {
      title: t('common.status'),
      dataIndex: 'active',
      render: (active: boolean) =>
        active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
    },
    ...(labelsForRow
      ? [
          {
            key: 'labels',
            render: (_: unknown, row: T) => (
              <Button
                size="small"
                icon={<BarcodeOutlined />}
                onClick={() => setLabels(labelsForRow.target(row))}
              >
                {labelsForRow.title(t)}
              </Button>
            ),
          },
        ]
      : []),
    ...(mayManage ? [editColumn<T>(t, dialog.open)] : []),
  ];

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
        <div className="page-actions">
          {labelsForSelected && (
            <Button
              icon={<BarcodeOutlined />}
              disabled={selected.length === 0}
              onClick={() => setLabels(labelsForSelected(selected))}
            >
              {t('labels.action')}
              {selected.length > 0 && ` (${t('labels.selected', { count: selected.length })})`}
            </Button>
          )}
          <ImportExportButtons
            kind={resource.kind}
            listPath={resource.path}
            what={resource.title(t)}
            mayImport={mayManage}
          />
          {mayManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => dialog.open(null)}>
              {resource.newTitle(t)}
            </Button>
          )}
        </div>
      </div>
      <div className="filters">
        <SearchBox onSearch={setQ} />
      </div>
      <CursorTable<T>
        list={list}
        rowKey="id"
        {...(labelsForSelected
          ? {
              rowSelection: {
                selectedRowKeys: selected.map((r) => r.id),
                onChange: (_, rows: T[]) => setSelected(rows),
              },
            }
          : {})}
        columns={columns}
        card={columnsCard((record) => record.id, columns)}
      />
      <LabelsDialog target={labels} onClose={() => setLabels(null)} />
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
