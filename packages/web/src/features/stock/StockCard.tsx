import type { StockRow } from '@onhand/contracts';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SkuLink } from '../../components/columns';
import { formatQty } from '../../components/format';
import { QUANTITIES } from './quantity-columns';

/** One SKU in one warehouse on a phone: what it is, where, and its quantities in a grid. */
export function StockCard({ row }: { row: StockRow }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="row-card-head">
        <SkuLink sku={row.sku} />
        <Tag>{row.warehouse}</Tag>
      </div>
      <Typography.Text type="secondary">{row.name}</Typography.Text>
      <dl className="quantity-grid">
        {QUANTITIES.map((q) => (
          <div key={q} data-quantity={q}>
            <dt>{t(`quantity.${q}`)}</dt>
            <dd>{q === 'available' ? <strong>{formatQty(row[q])}</strong> : formatQty(row[q])}</dd>
          </div>
        ))}
        {row.safetyStock !== null && (
          <div data-quantity="safetyStock">
            <dt>{t('dashboard.safetyStock')}</dt>
            <dd>
              {row.belowSafetyStock ? (
                <Tag color="red">{formatQty(row.safetyStock)}</Tag>
              ) : (
                formatQty(row.safetyStock)
              )}
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}
