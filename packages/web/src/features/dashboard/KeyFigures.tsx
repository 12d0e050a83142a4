import type { Dashboard } from '@onhand/contracts';
import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatQty } from '../../components/format';

interface Figure {
  key: string;
  title: string;
  value: string;
  hint?: string;
}

/** The numbers at the top of the dashboard, each a card. */
export function KeyFigures({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const figures: Figure[] = [
    {
      key: 'stockValue',
      title: t('dashboard.stockValue'),
      value: data.stockValue === null ? t('common.none') : formatMoney(data.stockValue),
      ...(data.stockValue === null ? { hint: t('dashboard.valueHidden') } : {}),
    },
    { key: 'onHand', title: t('quantity.onHand'), value: formatQty(data.onHand) },
    { key: 'reserved', title: t('quantity.reserved'), value: formatQty(data.reserved) },
    { key: 'inTransit', title: t('quantity.inTransit'), value: formatQty(data.inTransit) },
    { key: 'incoming', title: t('quantity.incoming'), value: formatQty(data.incoming) },
    { key: 'todayIn', title: t('dashboard.todayIn'), value: formatQty(data.todayIn) },
    { key: 'todayOut', title: t('dashboard.todayOut'), value: formatQty(data.todayOut) },
    { key: 'skusInStock', title: t('dashboard.skusInStock'), value: formatQty(data.skusInStock) },
    {
      key: 'skusOutOfStock',
      title: t('dashboard.skusOutOfStock'),
      value: formatQty(data.skusOutOfStock),
      hint: t('dashboard.outOfStockHelp'),
    },
    {
      key: 'skusBelowSafetyStock',
      title: t('dashboard.skusBelowSafetyStock'),
      value: formatQty(data.skusBelowSafetyStock),
      hint: t('dashboard.belowSafetyStockHelp'),
    },
  ];
  return (
    <Row gutter={[12, 12]}>
      {figures.map((f) => (
        <Col key={f.key} xs={12} sm={8} lg={6} xxl={4}>
          <Card size="small" data-figure={f.key}>
            <Tooltip title={f.hint}>
              <Statistic title={f.title} value={f.value} />
            </Tooltip>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
