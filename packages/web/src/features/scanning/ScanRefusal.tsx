import { Alert } from 'antd';
import { ApiError } from '../../api/client';
import { serverMessage } from '../../i18n/labels';
import type { ScannedLine } from './scan-jobs';

/** Why the API refused a confirmation, each field error named by the SKU of the line it is about. */
export function ScanRefusal({ error, scanned }: { error: Error; scanned: readonly ScannedLine[] }) {
  const problem = error instanceof ApiError ? error.problem : null;
  const fields = (problem?.errors ?? []).map((e) => {
    const index = /^lines\.(\d+)\./.exec(e.path)?.[1];
    const line = index === undefined ? undefined : scanned[Number(index)];
    return `${line ? line.line.sku : e.path}: ${serverMessage(e.message)}`;
  });
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={serverMessage(problem?.detail ?? error.message)}
      description={fields.length > 0 ? fields.map((f) => <div key={f}>{f}</div>) : undefined}
    />
  );
}
