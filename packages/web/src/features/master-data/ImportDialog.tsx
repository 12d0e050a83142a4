import { UploadOutlined } from '@ant-design/icons';
import type { ImportError, ImportRow, MasterDataKind } from '@onhand/contracts';
import { Alert, App, Button, Modal, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { serverMessage } from '../../i18n/labels';
import { useImport, useImportPreview } from './import.queries';

const ACTION_COLOURS = { create: 'green', update: 'blue', unchanged: 'default' } as const;

/** A bad cell as the reader sees it: its column, then what is wrong. */
const problemText = (e: ImportError) => `${e.column ? `${e.column}: ` : ''}${serverMessage(e.message)}`;

/**
 * Import of a file: choose it, see every row with what it will do and what is wrong with it, and
 * import — only when no row has an error.
 */
export function ImportDialog({
  kind,
  listPath,
  what,
  open,
  onClose,
}: {
  kind: MasterDataKind;
  listPath: string;
  what: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const preview = useImportPreview(kind);
  const run = useImport(kind, listPath);
  const [chosen, setChosen] = useState<{ file: File; key: string }>();
  const result = preview.data;
  const writes = result ? result.counts.create + result.counts.update : 0;

  const choose = (file: File) => {
    setChosen({ file, key: crypto.randomUUID() });
    run.reset();
    preview.mutate(file);
    return false;
  };
  const close = () => {
    setChosen(undefined);
    preview.reset();
    run.reset();
    onClose();
  };
  const submit = () => {
    if (!chosen) return;
    run.mutate(chosen, {
      onSuccess: (done) => {
        void message.success(t('imports.done', { create: done.counts.create, update: done.counts.update }));
        close();
      },
    });
  };
  const failure = preview.error ?? run.error;

  return (
    <Modal
      open={open}
      title={t('imports.title', { what })}
      width={860}
      onCancel={close}
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="import"
          type="primary"
          disabled={!result || result.counts.errors > 0 || writes === 0}
          loading={run.isPending}
          onClick={submit}
        >
          {t('imports.submit', { count: writes })}
        </Button>,
      ]}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('imports.help')}</Typography.Text>
        <Upload accept=".csv,.xlsx,text/csv" showUploadList={false} beforeUpload={choose}>
          <Button icon={<UploadOutlined />} loading={preview.isPending}>
            {t('imports.choose')}
          </Button>
        </Upload>
        {chosen && <Typography.Text>{t('imports.file', { name: chosen.file.name })}</Typography.Text>}
        {failure && <Alert type="error" showIcon title={failure.message} />}
        {result && (
          <Alert
            type={result.counts.errors > 0 ? 'warning' : 'info'}
            showIcon
            title={t('imports.summary', result.counts)}
            description={result.counts.errors > 0 ? t('imports.fixFirst') : undefined}
          />
        )}
        {result && (
          <DataTable<ImportRow>
            rowKey="row"
            dataSource={result.rows}
            rowClassName={(r) => (r.errors.length > 0 ? 'import-row-error' : '')}
            columns={[
              { title: t('imports.row'), dataIndex: 'row' },
              { title: t('imports.code'), dataIndex: 'code' },
              {
                title: t('imports.action'),
                dataIndex: 'action',
                render: (action: ImportRow['action']) => (
                  <Tag color={ACTION_COLOURS[action]}>{t(`imports.${action}`)}</Tag>
                ),
              },
              {
                title: t('imports.problems'),
                dataIndex: 'errors',
                render: (errors: ImportError[]) => (
                  <Space orientation="vertical" size={0}>
                    {errors.map((e) => (
                      <Typography.Text key={`${e.field}:${e.message}`} type="danger">
                        {problemText(e)}
                      </Typography.Text>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
