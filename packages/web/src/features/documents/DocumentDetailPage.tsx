import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { skuColumn } from '../../components/columns';
import { DataTable } from '../../components/DataTable';
import { LoadFailed, Loading } from '../../components/states';
import { labelOf } from '../../i18n/labels';
import { ActionBar } from './ActionBar';
import type { KindSpec, LineView } from './document-kind';
import { type DocumentView, useDocument } from './documents.queries';
import { fieldColumn, renderField } from './fields';
import { StatusTimeline } from './StatusTimeline';
import { useDocumentAction } from './use-document-action';

/** One document: its head, its lines with their progress, its status timeline and its actions. */
function DocumentDetail({ spec, doc }: { spec: KindSpec; doc: DocumentView }) {
  const { t } = useTranslation();
  const [waits, setWaits] = useState(false);
  const act = useDocumentAction(spec, doc, () => setWaits(true));

  return (
    <Space orientation="vertical" size="middle" className="page">
      <div className="page-head">
        <Typography.Title level={2}>
          {labelOf('documentType', spec.kind)} {doc.number ?? ''}
        </Typography.Title>
        <Tag data-status={doc.status} color="blue">
          {labelOf('documentStatus', doc.status)}
        </Tag>
      </div>
      {(waits || doc.pendingApproval) && (
        <Alert
          type="info"
          showIcon
          role="status"
          title={t('documents.waitsForApproval')}
          action={<Link to="/approvals">{t('nav.approvals')}</Link>}
        />
      )}
      <ActionBar spec={spec} doc={doc} act={act} />
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        {spec.head.map((f) => (
          <Descriptions.Item key={f.name} label={t(`documents.fields.${f.name}`)}>
            {renderField(t, f.format, doc[f.name])}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Card size="small" title={t('documents.lines')}>
        <DataTable<LineView>
          rowKey="line"
          dataSource={doc.lines}
          columns={[
            { title: '#', dataIndex: 'line' },
            skuColumn(t),
            ...spec.lines.map((f) => fieldColumn<LineView>(t, f)),
          ]}
        />
      </Card>
      <Card size="small" title={t('documents.history')}>
        <StatusTimeline history={doc.history} />
      </Card>
    </Space>
  );
}

/** The page of a document of one kind, read by its id. */
export function DocumentDetailPage({ spec, id }: { spec: KindSpec; id: string }) {
  const doc = useDocument(spec.kind, id);
  if (doc.isPending) return <Loading />;
  if (doc.isError) return <LoadFailed error={doc.error} />;
  return <DocumentDetail spec={spec} doc={doc.data} />;
}
