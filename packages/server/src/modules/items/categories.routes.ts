import { categoryTree } from '@onhand/contracts';
import type { App } from '../../http/app';
import type { Services } from '../../services';

/** The category tree (分类) the items name, for filters and pickers. */
export function registerCategoryRoutes(app: App, s: Services): void {
  app.get(
    '/api/v1/categories',
    {
      config: { permission: 'stock.read' },
      schema: {
        tags: ['items'],
        summary: 'The category tree: every category items name and those above it, with item counts',
        response: { 200: categoryTree },
      },
    },
    async () => ({ items: await s.items.categories() }),
  );
}
