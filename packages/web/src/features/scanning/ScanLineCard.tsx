import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import type { Item } from '@onhand/contracts';
import { Button, Input, InputNumber, Tag } from 'antd';
import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { formatQty } from '../../components/format';
import type { ScanJobKind, ScanLine } from './scan-jobs';
import type { LineTally, TallyAction } from './scan-tally';

/** One line of the document as a big card: expected against scanned, a stepper, batch and expiry when needed. */
export function ScanLineCard({
  kind,
  line,
  lineKey,
  item,
  tally,
  last,
  dispatch,
}: {
  kind: ScanJobKind;
  line: ScanLine;
  lineKey: string;
  item: Item | undefined;
  tally: LineTally;
  last: boolean;
  dispatch: Dispatch<TallyAction>;
}) {
  const { t } = useTranslation();
  const { sku } = line;
  const over = line.expected !== null && kind !== 'count' && tally.qty > line.expected;
  const complete = line.expected !== null && kind !== 'count' && tally.qty === line.expected;
  // A received batch-tracked item needs its batch (and expiry); so does a counted one without a batch line.
  const asksBatch = item?.batchTracked === true && line.batch === null && kind !== 'pick';
  const asksExpiry = item?.expiryTracked === true && kind === 'receive';
  const classes = [
    'scan-line',
    last && 'scan-line-last',
    over && 'scan-line-over',
    complete && 'scan-line-complete',
  ];
  return (
    <article
      className={classes.filter(Boolean).join(' ')}
      aria-label={sku}
      aria-current={last ? 'true' : undefined}
    >
      <div className="scan-line-head">
        <span className="scan-line-sku">{sku}</span>
        {line.batch && (
          <Tag>
            {t('scan.batch')}: {line.batch}
          </Tag>
        )}
        {line.line === 0 && <Tag color="blue">{t('scan.joined')}</Tag>}
      </div>
      {item && <div className="scan-line-name">{item.name}</div>}
      <div className="scan-line-figures">
        <span>
          {t(`scan.expected.${kind}`)}:{' '}
          <strong>{line.expected === null ? t('scan.hidden') : formatQty(line.expected)}</strong>
        </span>
        <span>
          {t(`scan.done.${kind}`)}: <strong>{formatQty(line.done)}</strong>
        </span>
        {over && <span className="scan-line-warning">{t('scan.over')}</span>}
      </div>
      <div className="scan-stepper">
        <Button
          className="scan-step"
          icon={<MinusOutlined />}
          aria-label={t('scan.less', { sku })}
          disabled={tally.qty <= 0}
          onClick={() => dispatch({ type: 'add', key: lineKey, by: -1, scanned: false })}
        />
        <InputNumber
          className="scan-qty"
          aria-label={t('scan.qtyOf', { sku })}
          value={tally.qty}
          min={0}
          controls={false}
          inputMode="decimal"
          // Enter ends the typing: the focus leaves the field, so the next scan is a scan again.
          onPressEnter={(e) => {
            if (e.target instanceof HTMLElement) e.target.blur();
          }}
          onChange={(value) => dispatch({ type: 'set', key: lineKey, qty: value ?? 0 })}
        />
        <Button
          className="scan-step"
          type="primary"
          icon={<PlusOutlined />}
          aria-label={t('scan.more', { sku })}
          onClick={() => dispatch({ type: 'add', key: lineKey, by: 1, scanned: false })}
        />
      </div>
      {(asksBatch || asksExpiry) && (
        <div className="scan-lot">
          {asksBatch && (
            <Input
              size="large"
              placeholder={t('scan.batch')}
              aria-label={t('scan.batchOf', { sku })}
              value={tally.batch}
              onChange={(e) => dispatch({ type: 'lot', key: lineKey, batch: e.target.value.trim() })}
            />
          )}
          {asksExpiry && (
            <Input
              size="large"
              type="date"
              aria-label={t('scan.expiresOnOf', { sku })}
              value={tally.expiresOn}
              onChange={(e) => dispatch({ type: 'lot', key: lineKey, expiresOn: e.target.value })}
            />
          )}
        </div>
      )}
    </article>
  );
}
