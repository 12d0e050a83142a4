import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { qtyColumn, skuColumn, timeColumn, userColumn, wordColumn } from '../../components/columns';
import { DataTable } from '../../components/DataTable';
import { formatTime } from '../../components/format';
import { LoadFailed, Loading, Nothing } from '../../components/states';
import { labelOf } from '../../i18n/labels';
import { DOCUMENT_COLLECTIONS } from './document-paths';
import { type AnyDocument, useDocument } from './documents.queries';

/**
 * Any document read-only: its head, lines and history. The documents module's own pages (with
 * their actions) replace this one kind by kind.
 */
export function DocumentPage() {
  const { t } = useTranslation();
  const { type = '', id = '' } = useParams();
  const doc = useDocument(type, id);
  if (!(type in DOCUMENT_COLLECTIONS)) return <Nothing text={t('common.notFound')} />;
  if (doc.isPending) return <Loading />;
  if (doc.isError) return <LoadFailed error={doc.error} />;
  const d = doc.data;
  return (
    <Space orientation="vertical" size="middle" className="page">
      <div className="page-head">
        <Typography.Title level={2}>
          {labelOf('documentType', type)} {d.number ?? ''}
        </Typography.Title>
        <Tag>{labelOf('documentStatus', d.status)}</Tag>
      </div>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        {d.warehouse && <Descriptions.Item label={t('stock.warehouse')}>{d.warehouse}</Descriptions.Item>}
        {d.from && <Descriptions.Item label={t('stock.from')}>{d.from}</Descriptions.Item>}
        {d.to && <Descriptions.Item label={t('stock.to')}>{d.to}</Descriptions.Item>}
        <Descriptions.Item label={t('common.reference')}>{d.reference ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('common.time')}>{formatTime(d.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('documents.lines')}>
        <DataTable<AnyDocument['lines'][number]>
          rowKey="line"
          dataSource={d.lines}
          columns={[{ title: '#', dataIndex: 'line' }, skuColumn(t), qtyColumn(t('common.qty'))]}
        />
      </Card>
      <Card size="small" title={t('documents.history')}>
        <DataTable<AnyDocument['history'][number]>
          rowKey={(h) => `${h.at}|${h.action}`}
          dataSource={d.history}
          columns={[
            timeColumn(t),
            { title: t('documents.action'), dataIndex: 'action' },
            wordColumn(t('common.status'), 'toStatus', 'documentStatus'),
            userColumn(t),
          ]}
        />
      </Card>
    </Space>
  );
}
