import { InsufficientStockError } from '../ledger/types';
import { type DemoDay, onlineRush, storeRush } from './calendar';
import type { DemoItem, DemoShop } from './shop';

/** The online shops: orders a day on an ordinary weekday, the price against the shelf price. */
const CHANNELS = [
  { channel: 'tmall', customer: 'CUS-TMALL', perDay: 1, price: 0.95 },
  { channel: 'jd', customer: 'CUS-JD', perDay: 0.8, price: 0.95 },
  { channel: 'pdd', customer: 'CUS-PDD', perDay: 0.7, price: 0.85 },
  { channel: 'douyin', customer: null, perDay: 0.4, price: 0.9 },
  // The overseas store names no warehouse: the allocation policy picks one.
  { channel: 'web', customer: 'CUS-SHOPIFY', perDay: 0.35, price: 1.1 },
] as const;

/** Where online buyers live, as a share of orders each regional warehouse fills. */
const REGIONS = [
  { warehouse: 'SH', share: 0.45 },
  { warehouse: 'GZ', share: 0.3 },
  { warehouse: 'BJ', share: 0.25 },
] as const;

/** Wholesale buyers, each ordering once a week from one warehouse and taking it in two parts. */
const WHOLESALE = [
  { customer: 'CUS-HEMA', warehouse: 'SH', weekday: 2 },
  { customer: 'CUS-WUMART', warehouse: 'BJ', weekday: 3 },
  { customer: 'CUS-FAMILYMART', warehouse: 'GZ', weekday: 4 },
] as const;

const STORE = 'SH-STORE-01';

/** A line of a demo order. */
export interface SoldLine {
  item: DemoItem;
  qty: number;
  line: number;
}

/** A sales order of the demo, from when it is placed until it is shipped. */
export interface SoldOrder {
  id: string;
  warehouse: string;
  lines: SoldLine[];
  placedOn: number;
  /** Online orders ship whole, wholesale in two parts, the store's at the counter when placed. */
  kind: 'online' | 'wholesale' | 'counter';
  /** Shipped in full or cancelled. */
  done: boolean;
  shippedOn: number | null;
}

/**
 * 销售: online orders every day from several platforms (more at weekends, on 618 and around
 * Double 11), the store's takings every evening, wholesale orders weekly. Warehouses ship the
 * morning after; some buyers cancel first; wholesale goes out in two parts. What came in on the
 * last day and today is still open now.
 */
export class SalesHistory {
  /** Shipped online orders, for returns. */
  readonly shipped: SoldOrder[] = [];
  orders = 0;
  private open: SoldOrder[] = [];

  constructor(
    private readonly shop: DemoShop,
    private readonly now: number,
  ) {}

  /** 09:00: yesterday's orders leave the warehouses (or are cancelled); wholesale in two parts. */
  async ship(day: DemoDay): Promise<void> {
    for (const order of this.open.filter((o) => !o.done && o.placedOn < day.index)) {
      const age = day.index - order.placedOn;
      const inParts = order.lines.some((l) => l.qty >= 12);
      if (order.kind === 'online' && this.shop.chance(0.03)) await this.cancel(order, day);
      else if (order.kind === 'online') await this.shipAll(order, day, 9);
      else if (age === 1 && inParts) await this.shipFirstPart(order, day);
      else if (age === 1 || age === 4) await this.shipAll(order, day, 9);
    }
    this.open = this.open.filter((o) => !o.done);
  }

  /** 10:30–22:00: the day's orders, in time order, up to now on today. */
  async sell(day: DemoDay): Promise<void> {
    const wholesale = WHOLESALE.find((w) => w.weekday === day.weekday);
    if (wholesale && !day.today) await this.placeWholesale(day, wholesale);
    const online = CHANNELS.flatMap((c) => {
      const count = Math.round(c.perDay * onlineRush(day, c.channel) * (0.6 + this.shop.random() * 0.8));
      return Array.from({ length: count }, () => ({ ...c, at: day.at(10.5 + this.shop.random() * 11.5) }));
    }).sort((a, b) => a.at - b.at);
    for (const o of online) {
      if (o.at >= this.now) break;
      const rush = onlineRush(day, o.channel) > 2 ? 2 : 1;
      const warehouse = o.channel === 'web' ? null : this.shop.weighted(REGIONS, (r) => r.share).warehouse;
      const lines = this.basket(warehouse, this.shop.pick([1, 1, 1, 2, 2, 3]) * rush, () =>
        this.shop.pick([1, 1, 2, 2, 3, 4, 6]),
      );
      await this.place(o.at, day, warehouse, lines, {
        channel: o.channel,
        ...(o.customer ? { customer: o.customer } : {}),
        price: o.price,
      });
    }
    if (!day.today) await this.storeTakings(day);
  }

  /**
   * Up to `count` different SKUs by popularity (of the store's range, in the store), each only if
   * a warehouse has the (positive) quantity available.
   */
  private basket(warehouse: string | null, count: number, qtyOf: (item: DemoItem) => number): SoldLine[] {
    const lines: SoldLine[] = [];
    const range = warehouse === STORE ? this.shop.items.filter((i) => i.inStore) : this.shop.items;
    for (let tries = 0; lines.length < count && tries < count * 3; tries++) {
      const item = this.shop.weighted(range, (i) => i.popularity);
      const qty = qtyOf(item);
      const where = warehouse ? [warehouse] : REGIONS.map((r) => r.warehouse);
      const short = where.every((w) => this.shop.availableOf(w, item.sku) < qty);
      if (qty <= 0 || short || lines.some((l) => l.item === item)) continue;
      lines.push({ item, qty, line: lines.length + 1 });
    }
    return lines;
  }

  /** Places an order; one the stock cannot fill is refused whole, and the day goes on without it. */
  private async place(
    at: number,
    day: DemoDay,
    warehouse: string | null,
    lines: SoldLine[],
    head: { channel: string; customer?: string; price: number; reference?: string },
    kind: SoldOrder['kind'] = 'online',
  ): Promise<void> {
    if (lines.length === 0) return;
    const { s, principal } = this.shop;
    const { price, ...rest } = head;
    const order = await this.shop
      .act(at, async (trx) => {
        const input = {
          ...rest,
          ...(warehouse ? { warehouse } : {}),
          lines: lines.map((l) => ({
            sku: l.item.sku,
            qty: l.qty,
            unitPrice: (l.item.price * price).toFixed(2),
          })),
        };
        const placed = await s.salesOrders.create(trx, input, principal);
        return kind === 'counter' ? s.salesOrders.ship(trx, this.shop.on(placed.id, null)) : placed;
      })
      .catch((error: unknown) => {
        if (error instanceof InsufficientStockError) return null;
        throw error;
      });
    if (!order) return;
    for (const l of lines) this.shop.shiftAvailable(order.warehouse, l.item.sku, -l.qty);
    if (kind === 'counter') this.orders++;
    else this.follow(order.id, order.warehouse, lines, day, kind);
  }

  /** An order to ship with the others, also one placed elsewhere (an exchange). */
  follow(id: string, warehouse: string, lines: SoldLine[], day: DemoDay, kind: SoldOrder['kind'] = 'online') {
    this.orders++;
    this.open.push({ id, warehouse, lines, placedOn: day.index, kind, done: false, shippedOn: null });
  }

  /** A wholesale buyer's weekly order: cases of 6 of the best sellers, at most half of what is there. */
  private async placeWholesale(day: DemoDay, buyer: (typeof WHOLESALE)[number]): Promise<void> {
    const lines = this.basket(buyer.warehouse, this.shop.between(6, 10), (item) => {
      const half = Math.floor(this.shop.availableOf(buyer.warehouse, item.sku) / 12) * 6;
      return Math.min(6 * this.shop.between(2, 8), half);
    });
    await this.place(
      day.at(10.5),
      day,
      buyer.warehouse,
      lines,
      { channel: 'wholesale', customer: buyer.customer, price: 0.75 },
      'wholesale',
    );
  }

  /** 21:30: the store's takings of the day, one order per evening, handed over at the counter as it is placed. */
  private async storeTakings(day: DemoDay): Promise<void> {
    const rush = storeRush(day);
    const lines = this.basket(STORE, Math.round(this.shop.between(9, 13) * rush), (item) =>
      Math.min(
        Math.ceil(item.popularity * rush * this.shop.between(1, 3)),
        this.shop.availableOf(STORE, item.sku),
      ),
    );
    const head = { channel: 'pos', customer: 'CUS-WALKIN', price: 1, reference: `POS 日结 ${day.date}` };
    await this.place(day.at(21.5), day, STORE, lines, head, 'counter');
  }

  private async cancel(order: SoldOrder, day: DemoDay): Promise<void> {
    await this.shop.act(day.at(9), (trx) =>
      this.shop.s.salesOrders.cancel(trx, this.shop.on(order.id, { reason: '买家取消 buyer cancelled' })),
    );
    for (const l of order.lines) this.shop.shiftAvailable(order.warehouse, l.item.sku, l.qty);
    order.done = true;
  }

  private async shipAll(order: SoldOrder, day: DemoDay, hours: number): Promise<void> {
    await this.shop.act(day.at(hours), (trx) =>
      this.shop.s.salesOrders.ship(trx, this.shop.on(order.id, null)),
    );
    order.done = true;
    order.shippedOn = day.index;
    if (order.kind === 'online') this.shipped.push(order);
  }

  /** The first part of a wholesale order: half of every line of 12 or more, the small lines whole. */
  private async shipFirstPart(order: SoldOrder, day: DemoDay): Promise<void> {
    const lines = order.lines.map((l) => ({
      sku: l.item.sku,
      qty: l.qty >= 12 ? Math.floor(l.qty / 12) * 6 : l.qty,
      line: l.line,
    }));
    await this.shop.act(day.at(9), (trx) =>
      this.shop.s.salesOrders.ship(trx, this.shop.on(order.id, { lines })),
    );
  }
}
