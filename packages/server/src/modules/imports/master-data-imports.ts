import type { ImportResult, ImportRow, MasterDataKind } from '@onhand/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { callerProblem } from '../../http/errors';
import { Problem } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import type { AuditedChange } from '../audit/audited-write';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { type PlannedRow, planImport } from './import-plan';
import type { ImportTarget } from './import-targets';
import { COLUMNS, cellText } from './master-data-columns';
import type { Sheet } from './spreadsheet';

/** The answer for planned rows, without their bodies. */
function resultOf(kind: MasterDataKind, dryRun: boolean, planned: PlannedRow[]): ImportResult {
  const rows: ImportRow[] = planned.map(({ row, code, action, errors }) => ({ row, code, action, errors }));
  const count = (action: string) => rows.filter((r) => r.errors.length === 0 && r.action === action).length;
  return {
    kind,
    dryRun,
    rows,
    counts: {
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      errors: rows.filter((r) => r.errors.length > 0).length,
    },
  };
}

/** `422 invalid_rows` naming each bad cell by row and field (`rows.<row>.<field>`). */
function rowsRefused(rows: readonly ImportRow[]): Problem {
  const errors = rows.flatMap((r) => r.errors);
  const first = errors[0];
  const where = first
    ? `: row ${first.row} ${first.column ?? ''} ${first.message}`.replace(/ {2}/g, ' ')
    : '';
  return new Problem('invalid_rows', `${errors.length} error(s) in the file, nothing was imported${where}`, {
    errors: errors.map((e) => ({ path: `rows.${e.row}.${e.field ?? ''}`, ...e })),
  });
}

/** Import and export of master data as spreadsheets, with the rules of the create and update routes. */
export class MasterDataImports {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly targets: Record<MasterDataKind, ImportTarget>,
  ) {}

  /** What an import of this sheet would do, row by row; writes nothing. */
  async preview(kind: MasterDataKind, sheet: Sheet, scope: WarehouseScope): Promise<ImportResult> {
    return resultOf(kind, true, await planImport(kind, sheet, this.targets[kind], this.db, scope));
  }

  /**
   * Imports a sheet in the caller's transaction: every row or, when any row has an error, none
   * (`422 invalid_rows`). Answers the result and the audit entry of each record written.
   */
  async apply(
    trx: Trx,
    kind: MasterDataKind,
    sheet: Sheet,
    p: Principal,
  ): Promise<{ answer: ImportResult; changes: AuditedChange[] }> {
    const target = this.targets[kind];
    const planned = await planImport(kind, sheet, target, trx, p.warehouses);
    if (planned.some((r) => r.errors.length > 0)) throw rowsRefused(planned);
    const changes: AuditedChange[] = [];
    for (const row of planned) {
      if (row.action === 'unchanged') continue;
      const after = await this.write(trx, target, row, p);
      changes.push({
        action: `${target.entity}.${row.action}`,
        entity: target.entity,
        entityId: after.id,
        before: row.before,
        after,
      });
    }
    return { answer: resultOf(kind, false, planned), changes };
  }

  /** Every record the person may see, as the columns an import takes. */
  async export(kind: MasterDataKind, scope: WarehouseScope): Promise<string[][]> {
    const records = await this.targets[kind].all(scope);
    return records.map((record) => COLUMNS[kind].map((column) => cellText(record, column)));
  }

  /** Writes one row; a refusal at write time (a code taken meanwhile) becomes that row's error. */
  private async write(trx: Trx, target: ImportTarget, row: PlannedRow, p: Principal) {
    try {
      return row.action === 'create'
        ? await target.create(trx, row.body, p)
        : await target.update(trx, row.code, row.body, p);
    } catch (error) {
      const problem = callerProblem(error);
      if (!problem) throw error;
      const fields = problem.extras.errors?.length
        ? problem.extras.errors
        : [{ path: '', message: problem.detail }];
      const errors = fields.map((f) => {
        const field = f.path.split('.')[0] || null;
        return { row: row.row, column: field, field, message: f.message };
      });
      throw rowsRefused([{ ...row, errors }]);
    }
  }
}
