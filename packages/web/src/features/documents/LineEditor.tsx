import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Item } from '@onhand/contracts';
import { Button, Form, type FormInstance, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreateValues, LineInput } from './document-kind';
import { useItemsBySku } from './documents.queries';
import { LineInputs } from './LineInputs';
import { ScanInput } from './ScanInput';
import { SkuSelect } from './SkuSelect';

type Line = Record<string, unknown>;

/**
 * The lines of a new document: a SKU searched by SKU, name or barcode and the kind's inputs per
 * line (batch and expiry where the item tracks them); a scanned barcode adds its item's line (in
 * the first line without a SKU, if any), or adds one to its quantity when the line is there.
 */
export function LineEditor({
  form,
  inputs,
}: {
  form: FormInstance<CreateValues>;
  inputs: readonly LineInput[];
}) {
  const { t } = useTranslation();
  const lines: Line[] = Form.useWatch('lines', form) ?? [];
  const items = useItemsBySku(lines.flatMap((l) => (typeof l.sku === 'string' ? [l.sku] : [])));
  const counted = inputs.some((i) => i.name === 'qty');

  const scanned = (item: Item) => {
    const now: Line[] = form.getFieldValue('lines') ?? [];
    const at = now.findIndex((l) => l.sku === item.sku);
    if (at >= 0) {
      if (counted) form.setFieldValue(['lines', at, 'qty'], Number(now[at]?.qty ?? 0) + 1);
      return;
    }
    const fresh = { ...(counted ? { qty: 1 } : {}), sku: item.sku };
    const empty = now.findIndex((l) => !l.sku);
    form.setFieldValue(
      'lines',
      empty < 0 ? [...now, fresh] : now.map((l, i) => (i === empty ? { ...l, ...fresh } : l)),
    );
  };

  return (
    <div className="line-editor">
      <Typography.Title level={4}>{t('documents.lines')}</Typography.Title>
      <ScanInput onItem={scanned} />
      <Form.List name="lines">
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => {
              const sku = lines[row.name]?.sku;
              const item = typeof sku === 'string' ? items.get(sku) : undefined;
              return (
                <div key={row.key} className="line-row" data-line={row.name + 1}>
                  <span className="line-no">{row.name + 1}</span>
                  <Form.Item
                    name={[row.name, 'sku']}
                    label={t('stock.sku')}
                    rules={[{ required: true, message: t('serverMessages.required') }]}
                  >
                    <SkuSelect />
                  </Form.Item>
                  <LineInputs
                    t={t}
                    inputs={inputs}
                    index={row.name}
                    tracks={{ batch: item?.batchTracked ?? false, expiry: item?.expiryTracked ?? false }}
                  />
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('documents.removeLine', { line: row.name + 1 })}
                    onClick={() => remove(row.name)}
                  />
                </div>
              );
            })}
            <Button icon={<PlusOutlined />} onClick={() => add({})}>
              {t('documents.addLine')}
            </Button>
          </>
        )}
      </Form.List>
    </div>
  );
}
