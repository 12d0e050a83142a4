import type { Dashboard } from '@onhand/contracts';
import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../components/Chart';
import { Nothing } from '../../components/states';

/** The amount a chart shows: FIFO value when the reader may see values, else quantity. */
const amountOf = (group: { qty: number; value: number | null }) => group.value ?? group.qty;

function bars(names: string[], values: number[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: names.length > 2 ? 30 : 0, hideOverlap: true },
    },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: values, barMaxWidth: 48 }],
  };
}

/** Stock by warehouse and by category, 30 days in and out, and the warehouse × category heat map. */
export function StockCharts({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const categoryName = (c: string | null) => c ?? t('dashboard.noCategory');
  const warehouses = data.byWarehouse.map((w) => w.warehouse);
  const categories = data.byCategory.map((c) => categoryName(c.category));
  const cells = data.byWarehouseAndCategory.map((cell) => [
    warehouses.indexOf(cell.warehouse),
    categories.indexOf(categoryName(cell.category)),
    amountOf(cell),
  ]);
  const charts: { key: string; title: string; option: ChartOption }[] = [
    {
      key: 'byWarehouse',
      title: t('dashboard.byWarehouse'),
      option: bars(
        data.byWarehouse.map((w) => w.name),
        data.byWarehouse.map(amountOf),
      ),
    },
    {
      key: 'byCategory',
      title: t('dashboard.byCategory'),
      option: bars(categories, data.byCategory.map(amountOf)),
    },
    {
      key: 'last30Days',
      title: t('dashboard.last30Days'),
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [t('dashboard.in'), t('dashboard.out')] },
        grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.last30Days.map((d) => d.date.slice(5)) },
        yAxis: { type: 'value' },
        series: [
          { name: t('dashboard.in'), type: 'line', data: data.last30Days.map((d) => d.inQty) },
          { name: t('dashboard.out'), type: 'line', data: data.last30Days.map((d) => d.outQty) },
        ],
      },
    },
    {
      key: 'heatMap',
      title: t('dashboard.heatMap'),
      option: {
        tooltip: { position: 'top' },
        grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
        xAxis: { type: 'category', data: warehouses, splitArea: { show: true } },
        yAxis: { type: 'category', data: categories, splitArea: { show: true } },
        visualMap: {
          min: 0,
          max: Math.max(1, ...cells.map((c) => c[2] ?? 0)),
          calculable: true,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
        },
        series: [{ type: 'heatmap', data: cells, label: { show: false } }],
      },
    },
  ];
  if (data.byWarehouse.length === 0) return <Nothing text={t('dashboard.noStock')} />;
  return (
    <Row gutter={[12, 12]}>
      {charts.map((c) => (
        <Col key={c.key} xs={24} xl={12}>
          <Card size="small" title={c.title} data-chart={c.key}>
            <Chart option={c.option} label={c.title} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
