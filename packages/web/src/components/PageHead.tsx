import { PlusOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';

/** A page's title, with the button that makes a new record when there is one. */
export function PageHead({
  title,
  newLabel,
  onNew,
}: {
  title: string;
  newLabel?: string;
  onNew?: () => void;
}) {
  return (
    <div className="page-head">
      <Typography.Title level={2}>{title}</Typography.Title>
      {newLabel && onNew && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onNew}>
          {newLabel}
        </Button>
      )}
    </div>
  );
}
