import type { LedgerEntryType } from '@onhand/contracts';
import type { LayerTake, Money, Quantity } from '@onhand/domain';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';

/** A transaction on the Onhand schema; every stock write happens inside one. */
export type Trx = Transaction<DB>;

/** The document a movement belongs to. */
export interface DocumentRef {
  type: string;
  id: string;
}

/** Who acts and when (time is passed in, never read inside). */
export interface Actor {
  userId: string | null;
  at: number;
}

/** Stock coming in: it makes a new FIFO cost layer at its unit cost. */
export interface InboundMovement {
  direction: 'in';
  type: LedgerEntryType;
  line: number;
  itemId: string;
  warehouseId: string;
  qty: Quantity;
  unitCost: Money;
  /**
   * The exact value, when the goods bring their cost with them (a transfer, a return at the cost it
   * left with); otherwise qty × unit cost, rounded once.
   */
  value?: Money;
  batch?: string | null;
  expiresOn?: string | null;
  bin?: string | null;
  reason?: string | null;
}

/** Which cost layers an outbound movement takes: the oldest (FIFO), the soonest to expire (FEFO), or those of some receipts. */
export type LayerChoice = { kind: 'fifo' } | { kind: 'fefo' } | { kind: 'entries'; seqs: readonly bigint[] };

/** Stock going out: it consumes the oldest cost layers (of its batch, when one is named). */
export interface OutboundMovement {
  direction: 'out';
  type: LedgerEntryType;
  line: number;
  itemId: string;
  warehouseId: string;
  /** How much leaves, as a positive quantity. */
  qty: Quantity;
  /** How much of it was reserved for this movement (consumed with it). */
  fromReserved?: Quantity;
  batch?: string | null;
  bin?: string | null;
  reason?: string | null;
  /** FIFO unless told otherwise. */
  layers?: LayerChoice;
}

export type Movement = InboundMovement | OutboundMovement;

/** A ledger entry as written. */
export interface PostedEntry {
  seq: bigint;
  line: number;
  itemId: string;
  warehouseId: string;
  qty: Quantity;
  unitCost: Money;
  value: Money;
  balanceAfter: Quantity;
  takes: LotTake[];
}

/** A take out of a cost layer, with the batch and expiry of that layer (goods keep them as they move). */
export interface LotTake extends LayerTake {
  batch: string | null;
  expiresOn: string | null;
}

/** A line that could not be filled, and what was available for it. */
export interface ShortLine {
  line: number;
  /** The SKU code, when the caller knows it (error messages name it). */
  sku?: string;
  itemId: string;
  warehouseId: string;
  requested: Quantity;
  available: Quantity;
}

/** Thrown by the ledger when stock does not cover an outbound movement; the transaction rolls back. */
export class InsufficientStockError extends Error {
  constructor(readonly lines: ShortLine[]) {
    super(`insufficient stock on ${lines.length} line(s)`);
    this.name = 'InsufficientStockError';
  }
}
