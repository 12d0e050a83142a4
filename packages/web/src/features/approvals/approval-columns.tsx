import type { Approval } from '@onhand/contracts';
import type { TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { timeColumn } from '../../components/columns';
import { formatMoney } from '../../components/format';
import { labelOf } from '../../i18n/labels';
import { DOCUMENT_COLLECTIONS, documentPath } from '../documents/document-paths';
import { useDocument } from '../documents/documents.queries';

/** A document linked to its page under its kind and number. */
function DocumentLink({ type, id }: { type: string; id: string }) {
  const doc = useDocument(type, id);
  return (
    <Link to={documentPath(type, id)}>
      {labelOf('documentType', type)} {doc.data?.number ?? ''}
    </Link>
  );
}

/** What an approval is on: a document linked to its page, or a person, role or token. */
function ApprovalTarget({ target }: { target: Approval['target'] }) {
  if (!(target.type in DOCUMENT_COLLECTIONS)) return <>{labelOf('approvalTarget', target.type)}</>;
  if (!target.id) return <>{labelOf('documentType', target.type)}</>;
  return <DocumentLink type={target.type} id={target.id} />;
}

/** The columns every approval list shows: action, what it is on, warehouse, value, maker, when. */
export function approvalColumns(t: TFunction): TableColumnType<Approval>[] {
  return [
    {
      title: t('approvals.action'),
      dataIndex: 'action',
      render: (action: string) => labelOf('approvalAction', action),
    },
    {
      title: t('approvals.target'),
      key: 'target',
      render: (_: unknown, a: Approval) => <ApprovalTarget target={a.target} />,
    },
    {
      title: t('stock.warehouse'),
      dataIndex: 'warehouse',
      render: (w: string | null) => w ?? t('common.none'),
    },
    {
      title: t('common.value'),
      dataIndex: 'value',
      align: 'right',
      className: 'number',
      render: (v: number | null) => (v === null ? t('common.none') : formatMoney(v)),
    },
    { title: t('approvals.maker'), key: 'maker', render: (_: unknown, a: Approval) => a.maker?.email },
    timeColumn<Approval>(t, 'createdAt'),
  ];
}
