import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** "Load more" under a list read by cursor, while there is more. */
export function LoadMore({
  list,
}: {
  list: { hasMore: boolean; loadingMore: boolean; loadMore: () => void };
}) {
  const { t } = useTranslation();
  if (!list.hasMore) return null;
  return (
    <div className="load-more">
      <Button onClick={list.loadMore} loading={list.loadingMore}>
        {t('common.loadMore')}
      </Button>
    </div>
  );
}
