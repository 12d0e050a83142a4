import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** What a document line moved in the ledger: its signed quantity and value. */
export interface LineEntry {
  qty: bigint;
  value: bigint;
}

/** The ledger entries a posted document wrote, summed per document line (none before it is posted). */
export async function entriesByLine(
  db: Kysely<DB>,
  document: { type: string; id: string; status: string },
): Promise<Map<number, LineEntry>> {
  if (document.status !== 'posted') return new Map();
  const rows = await db
    .selectFrom('ledger_entries')
    .select((eb) => [
      'document_line',
      eb.fn.sum<bigint>('qty').as('qty'),
      eb.fn.sum<bigint>('value').as('value'),
    ])
    .where('document_type', '=', document.type)
    .where('document_id', '=', document.id)
    .groupBy('document_line')
    .execute();
  return new Map(rows.map((r) => [Number(r.document_line), { qty: BigInt(r.qty), value: BigInt(r.value) }]));
}
