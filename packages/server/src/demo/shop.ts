import type { Database } from '../db/connect';
import type { Trx } from '../ledger/types';
import { wireServices } from '../main';
import type { Principal } from '../modules/auth/principal';
import type { ActionContext } from '../modules/documents/document-routes';
import type { Services } from '../services';

/** A SKU of the demo catalogue, with what the history needs to know of it. */
export interface DemoItem {
  sku: string;
  product: string;
  supplier: string;
  cost: number;
  /** The shelf price; channels sell at or below it. */
  price: number;
  shelfLifeDays: number;
  /** How well it sells relative to the average SKU (1). */
  popularity: number;
  /** On the store's shelves as well as in the warehouses. */
  inStore: boolean;
}

/** Units of an average SKU a warehouse sells on an average day, which sizes the stock it keeps. */
const DAILY_UNITS: Readonly<Record<string, number>> = { SH: 1, GZ: 0.4, BJ: 0.4, 'SH-STORE-01': 0.7 };

/** The stock a buyer aims to hold of a SKU: about five weeks of sales, in whole cases of 6. */
export const targetOf = (warehouse: string, item: DemoItem): number =>
  Math.max(12, Math.ceil((item.popularity * (DAILY_UNITS[warehouse] ?? 1) * 35) / 6) * 6);

/** Money as the API takes it: a decimal string with two places. */
export const yuan = (amount: number): string => amount.toFixed(2);

/**
 * The demo shop while its history is written: the services over a clock that only moves
 * forward, the acting administrator, deterministic dice, and what each warehouse has available
 * and on order — tracked here so that orders ask only for what is there.
 */
export class DemoShop {
  readonly s: Services;
  items: DemoItem[] = [];
  private clock: number;
  private state = 20_261_122;
  private readonly available = new Map<string, number>();
  private readonly ordered = new Map<string, number>();

  constructor(
    database: Database,
    timeZone: string,
    readonly principal: Principal,
    start: number,
  ) {
    this.clock = start;
    this.s = wireServices(database, timeZone, () => this.clock);
  }

  /** Runs one document action in its own transaction at `at`, or just after the action before it. */
  act<T>(at: number, work: (trx: Trx) => Promise<T>): Promise<T> {
    this.clock = Math.max(this.clock + 1, at);
    return this.s.db.transaction().execute(work);
  }

  /** The context of an action on a document by the acting administrator. */
  on<B>(id: string, body: B): ActionContext<B> {
    return { id, body, principal: this.principal, ifMatch: null };
  }

  /** A number in [0, 1) from a small linear congruential generator, so every demo shop is the same. */
  random(): number {
    this.state = (this.state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return this.state / 2_147_483_648;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.random() < p;
  }

  /** A whole number from `low` to `high`, both included. */
  between(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }

  /** One of a non-empty list, each as likely as its weight. */
  weighted<T>(list: readonly T[], weightOf: (t: T) => number): T {
    let left = this.random() * list.reduce((sum, t) => sum + weightOf(t), 0);
    for (const t of list) {
      left -= weightOf(t);
      if (left < 0) return t;
    }
    return list[list.length - 1] as T;
  }

  /** What a warehouse has available of a SKU: on hand, less reserved and quarantined. */
  availableOf(warehouse: string, sku: string): number {
    return this.available.get(`${warehouse}|${sku}`) ?? 0;
  }

  /** Available stock goes up (received, released, restocked) or down (reserved, taken). */
  shiftAvailable(warehouse: string, sku: string, delta: number): void {
    const key = `${warehouse}|${sku}`;
    this.available.set(key, (this.available.get(key) ?? 0) + delta);
  }

  /** Available plus what is on order for a warehouse: what a buyer looks at before reordering. */
  coverOf(warehouse: string, sku: string): number {
    return this.availableOf(warehouse, sku) + (this.ordered.get(`${warehouse}|${sku}`) ?? 0);
  }

  /** Quantity on order goes up (a new purchase order) or down (received, closed, cancelled). */
  shiftOrdered(warehouse: string, sku: string, delta: number): void {
    const key = `${warehouse}|${sku}`;
    this.ordered.set(key, (this.ordered.get(key) ?? 0) + delta);
  }
}
