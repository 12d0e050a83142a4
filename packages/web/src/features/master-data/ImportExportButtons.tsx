import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { MasterDataKind } from '@onhand/contracts';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportDialog } from './ImportDialog';
import { exportUrl } from './import.queries';

/** Export as CSV or XLSX for anyone who reads the list; import for those who may create records. */
export function ImportExportButtons({
  kind,
  listPath,
  what,
  mayImport,
}: {
  kind: MasterDataKind;
  listPath: string;
  what: string;
  mayImport: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [importing, setImporting] = useState(false);
  return (
    <>
      {mayImport && (
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
          {t('imports.import')}
        </Button>
      )}
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          icon={<DownloadOutlined />}
          href={exportUrl(kind, format, i18n.language)}
          download
        >
          {format === 'csv' ? t('imports.exportCsv') : t('imports.exportXlsx')}
        </Button>
      ))}
      {mayImport && (
        <ImportDialog
          kind={kind}
          listPath={listPath}
          what={what}
          open={importing}
          onClose={() => setImporting(false)}
        />
      )}
    </>
  );
}
