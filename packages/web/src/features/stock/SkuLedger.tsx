import type { LedgerEntry } from '@onhand/contracts';
import { Card, type TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../auth/session';
import { columnsCard } from '../../components/ColumnsCard';
import { CursorTable } from '../../components/CursorTable';
import { qtyColumn, timeColumn, userColumn, wordColumn } from '../../components/columns';
import { formatMoney } from '../../components/format';
import { labelOf } from '../../i18n/labels';
import { documentPath } from '../documents/document-paths';
import { useSkuLedger } from './stock.queries';

/** The stock ledger of a SKU, newest first, each entry linked to its document (for those who read documents). */
export function SkuLedger({ sku }: { sku: string }) {
  const { t } = useTranslation();
  const ledger = useSkuLedger(sku);
  const readsDocuments = useCan('document.read');
  const documentOf = (e: LedgerEntry) => {
    const word = labelOf('documentType', e.document.type);
    return readsDocuments ? <Link to={documentPath(e.document.type, e.document.id)}>{word}</Link> : word;
  };
  const columns: TableColumnType<LedgerEntry>[] = [
    timeColumn(t),
    { title: t('stock.warehouse'), dataIndex: 'warehouse' },
    wordColumn(t('stock.movementType'), 'type', 'ledgerType'),
    qtyColumn(t('common.qty')),
    qtyColumn(t('stock.balanceAfter'), 'balanceAfter'),
    {
      title: t('common.value'),
      dataIndex: 'value',
      align: 'right',
      className: 'number',
      render: formatMoney,
    },
    { title: t('stock.batch'), dataIndex: 'batch' },
    {
      title: t('stock.document'),
      key: 'document',
      render: (_: unknown, e: LedgerEntry) => documentOf(e),
    },
    userColumn(t),
  ];
  return (
    <Card size="small" title={t('stock.ledger')}>
      <CursorTable<LedgerEntry>
        list={ledger}
        rowKey="id"
        columns={columns}
        card={columnsCard((e) => e.id, columns)}
      />
    </Card>
  );
}
