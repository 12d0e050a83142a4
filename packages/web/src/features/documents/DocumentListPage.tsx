import { type TableColumnType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../auth/session';
import { columnsCard } from '../../components/ColumnsCard';
import { CursorTable } from '../../components/CursorTable';
import { timeColumn } from '../../components/columns';
import { PageHead } from '../../components/PageHead';
import { labelOf } from '../../i18n/labels';
import { DocumentFilters, FILTER_PARAMS } from './DocumentFilters';
import type { KindSpec } from './document-kind';
import { documentPath } from './document-paths';
import { type DocumentView, useDocumentList } from './documents.queries';
import { fieldColumn } from './fields';

/** The number people know a document by (a goods receipt has none: the end of its id). */
export const numberOf = (d: DocumentView): string => d.number ?? d.id.slice(-8);

/** The documents of one kind, newest first, filtered as its API list allows; each opens its page. */
export function DocumentListPage({ spec }: { spec: KindSpec }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const filters = Object.fromEntries(FILTER_PARAMS.map((f) => [f, params.get(f) ?? undefined]));
  const list = useDocumentList(spec.collection, filters);
  const mayCreate = useCan(spec.create?.permission ?? '');
  const columns: TableColumnType<DocumentView>[] = [
    {
      title: t('documents.fields.number'),
      key: 'number',
      fixed: 'left',
      render: (_: unknown, d) => <Link to={documentPath(spec.kind, d.id)}>{numberOf(d)}</Link>,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (status: string) => <Tag>{labelOf('documentStatus', status)}</Tag>,
    },
    ...spec.columns.map((f) => fieldColumn<DocumentView>(t, f)),
    timeColumn<DocumentView>(t, 'createdAt'),
  ];

  return (
    <div className="page">
      <PageHead
        title={t(`nav.${spec.kind}`)}
        {...(spec.create && mayCreate
          ? {
              newLabel: t(`documents.create.${spec.kind}`),
              onNew: () => void navigate(`/documents/${spec.kind}/new`),
            }
          : {})}
      />
      <DocumentFilters spec={spec} />
      <CursorTable<DocumentView>
        list={list}
        rowKey="id"
        columns={columns}
        card={columnsCard((d) => d.id, columns)}
      />
    </div>
  );
}
