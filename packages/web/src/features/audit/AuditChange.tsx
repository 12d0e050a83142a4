import type { AuditEntry } from '@onhand/contracts';
import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A record as JSON, or a dash when there is none (before a creation). */
function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <Typography.Text>{t('common.none')}</Typography.Text>;
  return <pre className="audit-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** What one write changed: the record before and after, side by side (stacked on phones). */
export function AuditChange({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <Json value={entry.before} />
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <Json value={entry.after} />
      </Col>
    </Row>
  );
}
