import { labelQuery, problem } from '@onhand/contracts';
import { z } from 'zod';
import { type App, principal } from '../../http/app';
import { invalid } from '../../http/problem';
import type { Services } from '../../services';
import { labelSheet } from './label-sheet';
import { labelsFor } from './label-subjects';

/** The most labels one sheet request makes (labels × copies). */
export const MAX_LABELS = 2000;

const pdf = z.custom<Buffer>().meta({ type: 'string', format: 'binary', description: 'application/pdf' });

/** `GET /api/v1/labels`: barcode labels for items, batches or bins as a printable PDF. */
export function registerLabelRoutes(app: App, s: Services): void {
  app.get(
    '/api/v1/labels',
    {
      config: { permission: 'stock.read' },
      schema: {
        tags: ['labels'],
        summary:
          'Barcode labels (Code 128, EAN-13, QR) for items, batches or bins, several per sheet, as a PDF',
        querystring: labelQuery,
        response: { 200: pdf, 400: problem, 403: problem },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const labels = await labelsFor(s, query, principal(request).warehouses);
      const copies = query.copies ?? 1;
      if (labels.length * copies > MAX_LABELS)
        throw invalid([
          { path: 'copies', message: `would make ${labels.length * copies} labels; at most ${MAX_LABELS}` },
        ]);
      const file = await labelSheet(labels, {
        symbology: query.symbology ?? 'code128',
        layout: query.layout ?? 'a4-3x8',
        copies,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="labels-${query.for}.pdf"`)
        .send(file);
    },
  );
}
