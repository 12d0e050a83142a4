import type {
  WriteOff,
  WriteOffReason,
  writeOffCreate,
  writeOffPatch,
  writeOffQuery,
} from '@onhand/contracts';
import { POSTING_DOCUMENT, qty as toQty, unitCostOf } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { moneyOut, qtyOut } from '../../http/format';
import { type FieldError, invalid } from '../../http/problem';
import { post } from '../../ledger/post';
import { moveQuarantine } from '../../ledger/quarantine';
import type { Actor, Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { cancelDocument } from '../documents/document-cancel';
import { entryValuesByLine, headView, listDocuments, loadDocument } from '../documents/document-reads';
import type { ActionContext, ReasonContext } from '../documents/document-routes';
import {
  actorOf,
  allowed,
  createDocument,
  type DocumentRow,
  type LineWithItem,
  linesOf,
  lockDocument,
  moveDocument,
  type NewLine,
  replaceLines,
} from '../documents/document-store';
import { namingShortSkus } from '../documents/short-lines';
import { type References, skuPaths } from '../references';

const TYPE = 'write_off';

type WriteOffLineInput = z.infer<typeof writeOffCreate>['lines'][number];

/** How a line says its goods come out of quarantine (stored in the line's disposition). */
const FROM_QUARANTINE = 'from_quarantine';

/** Line notes live in the head's options, one per line in line order (lines have no note column). */
interface WriteOffOptions {
  lineNotes?: (string | null)[];
}

/**
 * 报损单: a draft of damaged, expired or stolen goods → post writes them out of stock at their FIFO
 * cost with the reason on each entry; cancel a draft.
 */
export class WriteOffService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly references: References,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, input: z.infer<typeof writeOffCreate>, p: Principal): Promise<WriteOff> {
    authorize(p, 'write_off.request', input);
    const { warehouseId, lines } = await this.resolve(trx, input.warehouse, input.lines);
    const id = await createDocument(
      trx,
      {
        type: TYPE,
        status: 'draft',
        warehouse_id: warehouseId,
        reference: input.reference ?? null,
        note: input.note ?? null,
        options: notesOf(input.lines),
      },
      lines,
      actorOf(p, this.clock),
    );
    return this.get(id, trx);
  }

  /** Edits a draft (If-Match): the warehouse, the notes, or all the lines at once. */
  async update(trx: Trx, c: ActionContext<z.infer<typeof writeOffPatch>>): Promise<WriteOff> {
    authorize(c.principal, 'write_off.request', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    const [next] = allowed(POSTING_DOCUMENT, doc, 'edit');
    const patch = c.body;
    const changes: NonNullable<Parameters<typeof moveDocument>[5]> = {};
    if (patch.warehouse !== undefined)
      changes.warehouse_id = (await this.resolve(trx, patch.warehouse, [])).warehouseId;
    if (patch.lines) {
      await replaceLines(trx, doc.id, (await this.resolve(trx, null, patch.lines)).lines);
      changes.options = notesOf(patch.lines);
    }
    if (patch.reference !== undefined) changes.reference = patch.reference;
    if (patch.note !== undefined) changes.note = patch.note;
    await moveDocument(trx, doc, 'edit', next ?? 'draft', actorOf(c.principal, this.clock), changes);
    return this.get(doc.id, trx);
  }

  /** Writes every line out of stock at FIFO cost; a short line refuses the whole write-off. */
  async post(trx: Trx, c: ActionContext<unknown>): Promise<WriteOff> {
    authorize(c.principal, 'write_off.post', c.body);
    const doc = await lockDocument(trx, TYPE, c);
    allowed(POSTING_DOCUMENT, doc, 'post');
    const actor = actorOf(c.principal, this.clock);
    const lines = await linesOf(trx, doc.id);
    await this.releaseHeld(trx, doc, lines, actor);
    await namingShortSkus(lines, () =>
      post(
        trx,
        { type: TYPE, id: doc.id },
        actor,
        lines.map((l) => ({
          direction: 'out' as const,
          type: 'write_off' as const,
          line: Number(l.line_no),
          itemId: l.item_id,
          warehouseId: doc.warehouse_id ?? '',
          qty: l.qty,
          batch: l.batch,
          reason: l.reason,
        })),
      ),
    );
    await moveDocument(trx, doc, 'post', 'posted', actor);
    return this.get(doc.id, trx);
  }

  /** Lines written off out of quarantine leave it first (in the same transaction), or refuse the post. */
  private async releaseHeld(trx: Trx, doc: DocumentRow, lines: readonly LineWithItem[], actor: Actor) {
    const errors: FieldError[] = [];
    for (const [i, l] of lines.entries()) {
      if (l.disposition !== FROM_QUARANTINE) continue;
      const release = { itemId: l.item_id, warehouseId: doc.warehouse_id ?? '', qty: -l.qty };
      if (!(await moveQuarantine(trx, release, { type: TYPE, id: doc.id }, actor)))
        errors.push({ path: `lines.${i}.qty`, message: `is more than is held in quarantine of ${l.sku}` });
    }
    if (errors.length > 0) throw invalid(errors);
  }

  /** Cancels a draft. */
  async cancel(trx: Trx, c: ReasonContext): Promise<WriteOff> {
    authorize(c.principal, 'write_off.request', c.body);
    await cancelDocument(trx, TYPE, POSTING_DOCUMENT, c, actorOf(c.principal, this.clock));
    return this.get(c.id, trx);
  }

  async get(id: string, db: Kysely<DB> = this.db): Promise<WriteOff> {
    const loaded = await loadDocument(db, TYPE, id);
    const { head, lines } = loaded;
    const posted = head.status === 'posted';
    const values = await entryValuesByLine(db, { type: TYPE, id });
    const options = head.options ? (JSON.parse(head.options) as WriteOffOptions) : {};
    const writtenOff = (line: bigint): bigint | null => {
      const value = values.get(line);
      return value === undefined ? null : -value;
    };
    return {
      ...headView(loaded, POSTING_DOCUMENT),
      warehouse: head.warehouse_code ?? '',
      warehouseId: head.warehouse_id ?? '',
      totalQty: qtyOut(lines.reduce((acc, l) => acc + l.qty, 0n)),
      totalValue: posted ? moneyOut(lines.reduce((acc, l) => acc + (writtenOff(l.line_no) ?? 0n), 0n)) : null,
      lines: lines.map((l, i) => {
        const value = writtenOff(l.line_no);
        return {
          line: Number(l.line_no),
          sku: l.sku,
          itemId: l.item_id,
          qty: qtyOut(l.qty),
          reason: (l.reason ?? 'other') as WriteOffReason,
          batch: l.batch,
          note: options.lineNotes?.[i] ?? null,
          fromQuarantine: l.disposition === FROM_QUARANTINE,
          unitCost: value === null ? null : moneyOut(unitCostOf(value, l.qty)),
          value: value === null ? null : moneyOut(value),
        };
      }),
    };
  }

  async list(
    query: z.infer<typeof writeOffQuery>,
    bounds: { from: number | null; to: number | null },
    scope: WarehouseScope,
  ) {
    return listDocuments(this.db, TYPE, { ...query, scope }, bounds, (id) => this.get(id));
  }

  /** The warehouse (when named) and the lines, answering one `400` naming every unknown code. */
  private async resolve(
    trx: Trx,
    warehouse: string | null,
    lines: readonly WriteOffLineInput[],
  ): Promise<{ warehouseId: string; lines: NewLine[] }> {
    const { warehouseId, itemIds } = await this.references.resolve(
      warehouse === null ? null : { path: 'warehouse', code: warehouse },
      skuPaths(lines),
      trx,
    );
    return {
      warehouseId,
      lines: lines.map((l, i) => ({
        item_id: itemIds[i] ?? '',
        qty: toQty(l.qty),
        reason: l.reason,
        batch: l.batch ?? null,
        disposition: l.fromQuarantine ? FROM_QUARANTINE : null,
      })),
    };
  }
}

/** The options holding the lines' notes, or null when no line has one. */
function notesOf(lines: readonly WriteOffLineInput[]): string | null {
  return lines.some((l) => l.note)
    ? JSON.stringify({ lineNotes: lines.map((l) => l.note ?? null) } satisfies WriteOffOptions)
    : null;
}
