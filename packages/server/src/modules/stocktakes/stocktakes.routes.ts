import {
  problem,
  reasonBody,
  stocktake,
  stocktakeCounts,
  stocktakeCreate,
  stocktakePost,
  stocktakeQuery,
  stocktakeVariances,
} from '@onhand/contracts';
import { z } from 'zod';
import { type App, principal } from '../../http/app';
import type { Services } from '../../services';
import { visible } from '../auth/warehouse-scope';
import { registerDocumentRoutes, write } from '../documents/document-routes';

const PATH = '/api/v1/stocktakes';

/** Stocktakes (盘点单): start counting, add counts, review variances, post adjustments or cancel. */
export function registerStocktakeRoutes(app: App, s: Services): void {
  const st = s.stocktakes;
  registerDocumentRoutes(
    app,
    s,
    {
      path: PATH,
      tag: 'stocktakes',
      entity: 'stocktake',
      out: stocktake,
      query: stocktakeQuery,
      get: (id, db) => st.get(id, db),
      list: (query, bounds, scope) => st.list(query, bounds, scope),
    },
    [
      write({
        path: '',
        status: 201,
        permission: 'stocktake.count',
        body: stocktakeCreate,
        summary: 'Start a stocktake: the on hand of every SKU in scope is noted',
        run: (trx, c) => st.create(trx, c.body, c.principal),
      }),
      write({
        path: '/:id/counts',
        permission: 'stocktake.count',
        body: stocktakeCounts,
        summary: 'Add count lines (they add up per SKU × batch)',
        run: (trx, c) => st.count(trx, c),
      }),
      write({
        path: '/:id/post',
        permission: 'stocktake.post',
        body: stocktakePost,
        summary: 'Post: one adjustment entry per counted difference, with its reason',
        approval: { action: 'stocktake.post', target: 'stocktake' },
        run: (trx, c) => st.post(trx, c),
      }),
      write({
        path: '/:id/cancel',
        permission: 'stocktake.count',
        body: reasonBody,
        summary: 'Cancel while counting: nothing is adjusted',
        run: (trx, c) => st.cancel(trx, c),
      }),
    ],
  );
  app.get(
    `${PATH}/:id/variances`,
    {
      config: { permission: 'stocktake.post' },
      schema: {
        tags: ['stocktakes'],
        summary: 'Variance review: each counted difference, valued, with its reasons',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: stocktakeVariances, 404: problem },
      },
    },
    async (request) => {
      const p = principal(request);
      visible(await st.get(request.params.id), p.warehouses, 'stocktake');
      return st.variances(request.params.id);
    },
  );
}
