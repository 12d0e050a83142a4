import { reasonBody, writeOff, writeOffCreate, writeOffPatch, writeOffQuery } from '@onhand/contracts';
import type { App } from '../../http/app';
import type { Services } from '../../services';
import { registerDocumentRoutes, write } from '../documents/document-routes';

/** Write-offs (报损单): request as a draft, post at FIFO cost, or cancel. */
export function registerWriteOffRoutes(app: App, s: Services): void {
  const wo = s.writeOffs;
  registerDocumentRoutes(
    app,
    s,
    {
      path: '/api/v1/write-offs',
      tag: 'write-offs',
      entity: 'write_off',
      out: writeOff,
      query: writeOffQuery,
      get: (id, db) => wo.get(id, db),
      list: (query, bounds, scope) => wo.list(query, bounds, scope),
    },
    [
      write({
        path: '',
        status: 201,
        permission: 'write_off.request',
        body: writeOffCreate,
        summary: 'Request a write-off (a draft)',
        run: (trx, c) => wo.create(trx, c.body, c.principal),
      }),
      write({
        method: 'PATCH',
        path: '/:id',
        permission: 'write_off.request',
        body: writeOffPatch,
        summary: 'Edit a draft write-off',
        run: (trx, c) => wo.update(trx, c),
      }),
      write({
        path: '/:id/post',
        permission: 'write_off.post',
        summary: 'Post: the goods leave stock at their FIFO cost, with their reasons',
        approval: { action: 'write_off.post', target: 'write_off' },
        run: (trx, c) => wo.post(trx, c),
      }),
      write({
        path: '/:id/cancel',
        permission: 'write_off.request',
        body: reasonBody,
        summary: 'Cancel a draft write-off',
        run: (trx, c) => wo.cancel(trx, c),
      }),
    ],
  );
}
