import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A code typed by hand (a worn label, a scanner that is not at hand), added as a scan. */
export function CodeEntry({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const add = () => {
    if (code.trim() === '') return;
    onCode(code.trim());
    setCode('');
  };
  return (
    <Space.Compact className="scan-entry">
      <Input
        size="large"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onPressEnter={add}
        placeholder={t('scan.typeCode')}
        aria-label={t('scan.typeCode')}
        autoComplete="off"
        enterKeyHint="done"
      />
      <Button size="large" onClick={add}>
        {t('scan.add')}
      </Button>
    </Space.Compact>
  );
}
