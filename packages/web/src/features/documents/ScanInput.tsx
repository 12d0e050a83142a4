import { ScanOutlined } from '@ant-design/icons';
import type { Item } from '@onhand/contracts';
import { Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyboardWedge } from '../scanning/use-keyboard-wedge';
import { itemByCode } from './documents.queries';

/**
 * A field for a barcode scanner (a keyboard wedge types the code and Enter) or typing: the item
 * with that barcode (or SKU) is handed on; an unknown code is said under the field. A wedge's
 * burst is heard wherever the focus is outside text fields (in a quantity too).
 */
export function ScanInput({ onItem }: { onItem: (item: Item) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [said, setSaid] = useState<{ error: boolean; text: string } | null>(null);
  const scan = async (typed: string) => {
    if (!typed) return;
    const item = await itemByCode(typed);
    if (!item) {
      setSaid({ error: true, text: t('documents.unknownBarcode', { code: typed }) });
      return;
    }
    onItem(item);
    setSaid({ error: false, text: t('documents.scanned', { sku: item.sku, name: item.name }) });
  };
  useKeyboardWedge((burst) => void scan(burst.trim()));
  return (
    <div className="scan-input">
      <Input
        prefix={<ScanOutlined />}
        aria-label={t('documents.scan')}
        placeholder={t('documents.scanHelp')}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onPressEnter={(e) => {
          e.preventDefault();
          setCode('');
          void scan(code.trim());
        }}
      />
      {said && (
        <Typography.Text type={said.error ? 'danger' : 'secondary'} role={said.error ? 'alert' : 'status'}>
          {said.text}
        </Typography.Text>
      )}
    </div>
  );
}
