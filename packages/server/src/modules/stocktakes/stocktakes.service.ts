import type {
  Stocktake,
  StocktakeVariances,
  stocktakeCounts,
  stocktakeCreate,
  stocktakePost,
  stocktakeQuery,
} from '@onhand/contracts';
import { STOCKTAKE, qty as toQty } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { moneyOut, qtyOut } from '../../http/format';
import { type FieldError, invalid } from '../../http/problem';
import { post } from '../../ledger/post';
import type { Movement, Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { cancelDocument } from '../documents/document-cancel';
import { entryValuesByLine, listDocuments, loadDocument } from '../documents/document-reads';
import type { ActionContext, ReasonContext } from '../documents/document-routes';
import {
  actorOf,
  allowed,
  createDocument,
  type LineWithItem,
  linesOf,
  lockDocument,
  moveDocument,
} from '../documents/document-store';
import { namingShortSkus } from '../documents/short-lines';
import { type References, skuPaths } from '../references';
import {
  isFullCount,
  type StocktakeOptions,
  type StocktakeScope,
  snapshotLines,
  stocktakeOptions,
  systemQtyOf,
} from './stocktake-scope';
import { adjustmentOf, countsOf, estimateValue, type LineTally, lineKey, tally } from './stocktake-variance';
import { stocktakeView } from './stocktake-view';

const TYPE = 'stocktake';

type CountInput = z.infer<typeof stocktakeCounts>['lines'][number];

/**
 * 盘点单: created counting with the on-hand of every SKU in scope; count lines add up, each noting
 * the on hand at that moment; posting adjusts every counted difference (counted − on hand at the
 * first count), so movements during the count are not differences; uncounted SKUs stay as they are.
 */
export class StocktakeService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly references: References,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, input: z.infer<typeof stocktakeCreate>, p: Principal): Promise<Stocktake> {
    authorize(p, 'stocktake.count', input);
    const skus = input.skus ? [...new Set(input.skus)] : null;
    const { warehouseId, itemIds } = await this.references.resolve(
      { path: 'warehouse', code: input.warehouse },
      (input.skus ?? []).map((sku, i) => ({ path: `skus.${i}`, sku })),
      trx,
    );
    const options: StocktakeOptions = {
      blind: input.blind ?? false,
      scope: { skus, category: input.category ?? null, bin: input.bin ?? null },
    };
    const lines = await snapshotLines(trx, warehouseId, options.scope, skus ? itemIds : null);
    if (lines.length === 0 && !isFullCount(options.scope))
      throw invalid(
        (['category', 'bin'] as const)
          .filter((f) => input[f] !== undefined)
          .map((f) => ({ path: f, message: `matches no SKU stocked in warehouse ${input.warehouse}` })),
      );
    const id = await createDocument(
      trx,
      {
        type: TYPE,
        status: 'counting',
        warehouse_id: warehouseId,
        reference: input.reference ?? null,
        note: input.note ?? null,
        options: JSON.stringify(options),
      },
      lines,
      actorOf(p, this.clock),
    );
    return this.get(id, trx);
  }

  /**
   * Adds count lines. Each notes the on hand of its SKU (× batch) at this moment; a SKU (× batch)
   * counted for the first time in a full stocktake, or a new batch, joins the lines.
   */
  async count(trx: Trx, c: ActionContext<z.infer<typeof stocktakeCounts>>): Promise<Stocktake> {
    authorize(c.principal, 'stocktake.count', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(STOCKTAKE, doc, 'count');
    const { scope } = stocktakeOptions(doc.options);
    const { itemIds } = await this.references.resolve(null, skuPaths(c.body.lines), trx);
    const lines = await linesOf(trx, doc.id);
    const tracked = await this.batchTracked(trx, itemIds);
    this.checkCounts(c.body.lines, itemIds, lines, tracked, scope);
    const actor = actorOf(c.principal, this.clock);
    const warehouseId = doc.warehouse_id ?? '';
    const onLines = new Set(lines.map((l) => lineKey(l.item_id, l.batch)));
    let lastLine = lines.reduce((max, l) => (l.line_no > max ? l.line_no : max), 0n);
    for (const [i, input] of c.body.lines.entries()) {
      const itemId = itemIds[i] ?? '';
      const batch = scope.bin === null && tracked.has(itemId) ? (input.batch ?? null) : null;
      const systemQty = await systemQtyOf(trx, warehouseId, itemId, { batch, bin: scope.bin });
      if (!onLines.has(lineKey(itemId, batch))) {
        lastLine += 1n;
        await trx
          .insertInto('document_lines')
          .values({
            document_id: doc.id,
            line_no: lastLine,
            item_id: itemId,
            batch,
            bin: scope.bin,
            qty: systemQty,
          })
          .execute();
        onLines.add(lineKey(itemId, batch));
      }
      await trx
        .insertInto('stocktake_counts')
        .values({
          document_id: doc.id,
          item_id: itemId,
          batch,
          bin: input.bin ?? scope.bin,
          counted_qty: toQty(input.countedQty),
          system_qty: systemQty,
          reason: input.reason ?? null,
          at: actor.at,
          user_id: actor.userId,
        })
        .execute();
    }
    await moveDocument(trx, doc, 'count', 'counting', actor);
    return this.get(doc.id, trx);
  }

  /**
   * Posts one adjustment entry per counted line with a difference, with its reason (the one given
   * here, else the counters', else `count`), all or nothing.
   */
  async post(trx: Trx, c: ActionContext<z.infer<typeof stocktakePost>>): Promise<Stocktake> {
    authorize(c.principal, 'stocktake.post', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(STOCKTAKE, doc, 'post');
    const tallies = tally(await linesOf(trx, doc.id), await countsOf(trx, doc.id));
    const given = c.body?.reasons ?? [];
    const unknown = given.flatMap((r, i) =>
      tallies.some((t) => t.line.sku === r.sku)
        ? []
        : [{ path: `reasons.${i}.sku`, message: `${r.sku} is not on this stocktake` }],
    );
    if (unknown.length > 0) throw invalid(unknown);
    const movements: Movement[] = [];
    for (const t of tallies.filter((x) => x.counted && x.variance !== 0n)) {
      const override = given.find(
        (r) => r.sku === t.line.sku && (r.batch === undefined || r.batch === t.line.batch),
      );
      const reason = override?.reason ?? (t.reasons.join('; ') || 'count');
      movements.push(await adjustmentOf(trx, doc.warehouse_id ?? '', t, reason));
      await trx
        .updateTable('document_lines')
        .set({ reason })
        .where('document_id', '=', doc.id)
        .where('line_no', '=', t.line.line_no)
        .execute();
    }
    const actor = actorOf(c.principal, this.clock);
    await namingShortSkus(
      tallies.map((t) => t.line),
      () => post(trx, { type: TYPE, id: doc.id }, actor, movements),
    );
    await moveDocument(trx, doc, 'post', 'posted', actor);
    return this.get(doc.id, trx);
  }

  /** Cancels a stocktake while counting: nothing is adjusted. */
  async cancel(trx: Trx, c: ReasonContext): Promise<Stocktake> {
    authorize(c.principal, 'stocktake.count', c.body);
    await cancelDocument(trx, TYPE, STOCKTAKE, c, actorOf(c.principal, this.clock));
    return this.get(c.id, trx);
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<Stocktake> {
    const loaded = await loadDocument(db, TYPE, id);
    return stocktakeView(loaded, await countsOf(db, id), await entryValuesByLine(db, { type: TYPE, id }));
  }

  async list(
    query: z.infer<typeof stocktakeQuery>,
    bounds: { from: number | null; to: number | null },
    scope: WarehouseScope,
  ) {
    return listDocuments(this.db, TYPE, { ...query, scope }, bounds, (id) => this.get(id));
  }

  /**
   * The variance review: each counted line with a difference, valued as it would be posted now (or
   * as it was posted), with the counters' reasons; and what is still uncounted.
   */
  variances(id: string): Promise<StocktakeVariances> {
    return this.db.transaction().execute(async (trx) => {
      const { head, lines } = await loadDocument(trx, TYPE, id);
      const tallies = tally(lines, await countsOf(trx, id));
      const entries = await entryValuesByLine(trx, { type: TYPE, id });
      const differences = tallies.filter((t) => t.counted && t.variance !== 0n);
      const values = await Promise.all(
        differences.map(async (t) =>
          head.status === 'posted'
            ? (entries.get(t.line.line_no) ?? 0n)
            : estimateValue(trx, head.warehouse_id ?? '', t),
        ),
      );
      return {
        id: head.id,
        number: head.number,
        status: head.status,
        warehouse: head.warehouse_code ?? '',
        items: differences.map((t, i) => ({
          ...this.lineRef(t),
          systemQty: qtyOut(t.systemQty),
          countedQty: qtyOut(t.countedQty),
          varianceQty: qtyOut(t.variance),
          value: moneyOut(values[i] ?? 0n),
          reasons: t.line.reason ? [t.line.reason] : t.reasons,
        })),
        matchedLines: tallies.filter((t) => t.counted && t.variance === 0n).length,
        uncounted: tallies.filter((t) => !t.counted).map((t) => this.lineRef(t)),
        totalVarianceQty: qtyOut(differences.reduce((acc, t) => acc + t.variance, 0n)),
        totalValue: moneyOut(values.reduce((acc, v) => acc + v, 0n)),
      };
    });
  }

  /**
   * Refuses (one `400` naming each line) SKUs outside the scope, another bin than the one counted,
   * and batch-tracked SKUs counted without a batch (outside a count of one bin, which is per SKU).
   */
  private checkCounts(
    inputs: readonly CountInput[],
    itemIds: readonly string[],
    lines: readonly LineWithItem[],
    tracked: ReadonlySet<string>,
    scope: StocktakeScope,
  ): void {
    const errors: FieldError[] = [];
    const full = isFullCount(scope);
    inputs.forEach((input, i) => {
      const itemId = itemIds[i] ?? '';
      if (!full && !lines.some((l) => l.item_id === itemId))
        errors.push({
          path: `lines.${i}.sku`,
          message: `${input.sku} is not in the scope of this stocktake`,
        });
      if (scope.bin !== null && input.bin !== undefined && input.bin !== scope.bin)
        errors.push({ path: `lines.${i}.bin`, message: `this stocktake counts bin ${scope.bin}` });
      if (scope.bin === null && tracked.has(itemId) && input.batch === undefined)
        errors.push({ path: `lines.${i}.batch`, message: `is required: ${input.sku} is batch-tracked` });
    });
    if (errors.length > 0) throw invalid(errors);
  }

  private async batchTracked(trx: Trx, itemIds: readonly string[]): Promise<Set<string>> {
    const rows = await trx
      .selectFrom('items')
      .select('id')
      .where('id', 'in', [...new Set(itemIds)])
      .where('batch_tracked', '=', 1n)
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  private lineRef(t: LineTally) {
    return { line: Number(t.line.line_no), sku: t.line.sku, itemId: t.line.item_id, batch: t.line.batch };
  }
}
