import type { StocktakeVariances } from '@onhand/contracts';
import { Alert, Form, type FormInstance, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { qtyColumn, skuColumn } from '../../components/columns';
import { DataTable } from '../../components/DataTable';
import { formatMoney, formatQty } from '../../components/format';
import { LoadFailed } from '../../components/states';
import type { Submit } from './ActionDialog';
import { type DocumentView, useStocktakeVariances } from './documents.queries';

type VarianceRow = StocktakeVariances['items'][number];

/** Before posting a stocktake: every counted difference, valued, and the lines nobody counted. */
export function VarianceReview({
  form,
  doc,
  submit,
}: {
  form: FormInstance;
  doc: DocumentView;
  submit: Submit;
}) {
  const { t } = useTranslation();
  const review = useStocktakeVariances(doc.id, true);
  if (review.isError) return <LoadFailed error={review.error} />;
  const r = review.data;
  return (
    <Form form={form} onFinish={() => submit(undefined)}>
      <DataTable<VarianceRow>
        rowKey="line"
        loading={review.isPending}
        dataSource={r?.items ?? []}
        columns={[
          skuColumn(t),
          {
            title: t('documents.fields.batch'),
            dataIndex: 'batch',
            render: (b: string | null) => b ?? t('common.none'),
          },
          qtyColumn(t('documents.fields.systemQty'), 'systemQty'),
          qtyColumn(t('documents.fields.countedQty'), 'countedQty'),
          qtyColumn(t('documents.fields.varianceQty'), 'varianceQty'),
          { ...qtyColumn(t('documents.fields.value'), 'value'), render: formatMoney },
        ]}
      />
      {r && (
        <Typography.Paragraph data-total-variance>
          {t('documents.varianceTotal', {
            qty: formatQty(r.totalVarianceQty),
            value: formatMoney(r.totalValue),
            matched: r.matchedLines,
          })}
        </Typography.Paragraph>
      )}
      {r && r.uncounted.length > 0 && (
        <Alert type="warning" showIcon title={t('documents.uncounted', { count: r.uncounted.length })} />
      )}
    </Form>
  );
}
