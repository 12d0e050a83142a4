import {
  reasonBody,
  transfer,
  transferClose,
  transferCreate,
  transferPatch,
  transferQuery,
  transferReceive,
} from '@onhand/contracts';
import type { App } from '../../http/app';
import type { Services } from '../../services';
import { registerDocumentRoutes, write } from '../documents/document-routes';

/** Transfers between warehouses (调拨单). */
export function registerTransferRoutes(app: App, s: Services): void {
  const t = s.transfers;
  registerDocumentRoutes(
    app,
    s,
    {
      path: '/api/v1/transfers',
      tag: 'transfers',
      entity: 'transfer',
      out: transfer,
      query: transferQuery,
      get: (id, db) => t.get(id, db),
      list: (query, bounds, scope) => t.list(query, bounds, scope),
    },
    [
      write({
        path: '',
        status: 201,
        permission: 'transfer.manage',
        body: transferCreate,
        summary: 'Create a draft transfer',
        run: (trx, c) => t.create(trx, c.body, c.principal),
      }),
      write({
        method: 'PATCH',
        path: '/:id',
        permission: 'transfer.manage',
        body: transferPatch,
        summary: 'Edit a draft',
        run: (trx, c) => t.update(trx, c),
      }),
      write({
        path: '/:id/confirm',
        permission: 'transfer.manage',
        summary: 'Confirm: every line reserved at the source, or 409 insufficient_stock',
        run: (trx, c) => t.confirm(trx, c),
      }),
      write({
        path: '/:id/ship',
        permission: 'transfer.manage',
        summary: "Ship: the source's on hand and reserved down, the destination's in transit up",
        run: (trx, c) => t.ship(trx, c),
      }),
      write({
        path: '/:id/receive',
        permission: 'transfer.manage',
        body: transferReceive,
        summary: 'Receive at the destination, partly or fully, at the cost the goods left with',
        run: (trx, c) => t.receive(trx, c),
      }),
      write({
        path: '/:id/close',
        permission: 'transfer.manage',
        body: transferClose,
        summary: 'Close after a short receipt: the missing quantity is posted as a loss',
        run: (trx, c) => t.close(trx, c),
      }),
      write({
        path: '/:id/cancel',
        permission: 'transfer.manage',
        body: reasonBody,
        summary: 'Cancel before shipping: the source reservation is released',
        run: (trx, c) => t.cancel(trx, c),
      }),
    ],
  );
}
