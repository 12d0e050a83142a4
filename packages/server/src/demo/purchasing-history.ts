import { type DemoDay, dateAfter } from './calendar';
import { DEMO_WAREHOUSES } from './catalog';
import { type DemoItem, type DemoShop, targetOf, yuan } from './shop';

/** How often the buyer orders from each supplier (days), on which day of the cycle, and how long delivery takes. */
const CYCLES: Readonly<Record<string, { every: number; offset: number; lead: number }>> = {
  // Ordered on the last day: still waiting for approval now.
  'SUP-KO': { every: 14, offset: 0, lead: 3 },
  // Ordered two days before the end and approved the next: approved, not yet delivered.
  'SUP-YL': { every: 10, offset: 2, lead: 4 },
  'SUP-QQ': { every: 21, offset: 6, lead: 5 },
  'SUP-LB': { every: 28, offset: 9, lead: 6 },
  'SUP-SH': { every: 28, offset: 13, lead: 7 },
};

const WAREHOUSES = DEMO_WAREHOUSES.filter((w) => w.kind === 'warehouse').map((w) => w.code);

/** What happens next to an order: the whole rest arrives, part of it, less than ordered, or it is ended. */
type Step = 'receive' | 'receive_part' | 'receive_short' | 'close' | 'cancel';

/** A purchase order of the demo while it is open. */
interface OpenOrder {
  id: string;
  supplier: string;
  warehouse: string;
  lines: { item: DemoItem; qty: number; received: number }[];
  approveOn: number;
  next: { on: number; step: Step };
}

/** A delivery that came in whole: what a purchase return can send back. */
interface Delivery {
  order: string;
  supplier: string;
  warehouse: string;
  lines: { item: DemoItem; qty: number }[];
  on: number;
}

/**
 * 采购 and 采购退货: every supplier's turn comes every few weeks; the buyer then orders, for each warehouse,
 * what has run below half its target. Orders are approved the next morning and arrive after the
 * supplier's lead time — mostly whole, sometimes in two deliveries; one is cancelled and two
 * arrive short and are closed. After ten weeks, household goods found damaged the day after
 * delivery go back to the supplier against their order; on the last day a return of dented cans
 * is drafted and waits for the supplier's pick-up.
 */
export class PurchasingHistory {
  orders = 0;
  returns = 0;
  private readonly deliveries: Delivery[] = [];
  private returnPosted = false;
  private open: OpenOrder[] = [];
  private shortClosed = 0;
  private cancelled = 0;

  constructor(
    private readonly shop: DemoShop,
    private readonly lastIndex: number,
  ) {}

  /** 08:00: deliveries come in; short orders are closed and the cancelled one is called off. */
  async receive(day: DemoDay): Promise<void> {
    for (const order of this.open.filter((o) => o.next.on === day.index)) {
      if (order.next.step === 'close' || order.next.step === 'cancel') await this.end(order, day);
      else await this.deliver(order, day);
    }
    this.open = this.open.filter((o) => o.next.on > day.index);
  }

  /** 09:30: yesterday's orders are approved; suppliers whose turn it is get new orders, drafted and submitted at once. */
  async order(day: DemoDay): Promise<void> {
    const { s } = this.shop;
    for (const order of this.open.filter((o) => o.approveOn === day.index))
      await this.shop.act(day.at(9.5), (trx) => s.purchaseOrders.approve(trx, this.shop.on(order.id, null)));
    for (const [supplier, cycle] of Object.entries(CYCLES)) {
      if ((this.lastIndex - day.index - cycle.offset) % cycle.every !== 0) continue;
      for (const warehouse of WAREHOUSES) await this.place(day, supplier, warehouse, cycle.lead);
    }
  }

  private async place(day: DemoDay, supplier: string, warehouse: string, lead: number): Promise<void> {
    const { s } = this.shop;
    const lines = this.reorderLines(supplier, warehouse);
    const arriveOn = day.index + 1 + lead + this.shop.between(0, 1);
    const created = await this.shop.act(day.at(9.6), async (trx) => {
      const draft = await s.purchaseOrders.create(
        trx,
        {
          supplier,
          warehouse,
          expectedOn: dateAfter(day, arriveOn - day.index),
          lines: lines.map((l) => ({
            sku: l.item.sku,
            qty: l.qty,
            unitCost: yuan(l.item.cost * (0.97 + this.shop.random() * 0.08)),
          })),
        },
        this.shop.principal,
      );
      return s.purchaseOrders.submit(trx, this.shop.on(draft.id, null));
    });
    for (const l of lines) this.shop.shiftOrdered(warehouse, l.item.sku, l.qty);
    this.orders++;
    const step = this.planFor(day, arriveOn);
    this.open.push({
      id: created.id,
      supplier,
      warehouse,
      lines: lines.map((l) => ({ ...l, received: 0 })),
      approveOn: day.index + 1,
      next: { on: step === 'cancel' ? day.index + 2 : arriveOn, step },
    });
  }

  /** What has run below half its target, topped up to the target in cases of 6; at least the three lowest. */
  private reorderLines(supplier: string, warehouse: string): { item: DemoItem; qty: number }[] {
    const ranked = this.shop.items
      .filter((item) => item.supplier === supplier)
      .map((item) => ({
        item,
        target: targetOf(warehouse, item),
        cover: this.shop.coverOf(warehouse, item.sku),
      }))
      .sort((a, b) => a.cover / a.target - b.cover / b.target);
    return ranked
      .filter((r, i) => i < 3 || r.cover < r.target / 2)
      .map((r) => ({ item: r.item, qty: Math.max(12, Math.ceil((r.target - r.cover) / 6) * 6) }));
  }

  /** One order is called off, two arrive short (early enough to be closed before today), some in two deliveries. */
  private planFor(day: DemoDay, arriveOn: number): Step {
    if (this.cancelled === 0 && day.index >= 95) {
      this.cancelled++;
      return 'cancel';
    }
    if (this.shortClosed < 2 && day.index >= 50 + 70 * this.shortClosed && arriveOn + 3 < this.lastIndex) {
      this.shortClosed++;
      return 'receive_short';
    }
    return this.shop.chance(0.15) ? 'receive_part' : 'receive';
  }

  /** 10:25: goods go back to their supplier. */
  async returnToSuppliers(day: DemoDay): Promise<void> {
    if (!this.returnPosted && day.index >= 70)
      this.returnPosted = await this.sendBack(day, 'SUP-LB', '到货包装破损 damaged on delivery', true);
    if (day.last)
      await this.sendBack(day, 'SUP-KO', '罐体凹陷，待厂家取回 dented cans, awaiting pick-up', false);
  }

  /** Six units of a line of the supplier's latest whole delivery (yesterday's, when the return is posted at once). */
  private async sendBack(day: DemoDay, supplier: string, reason: string, post: boolean): Promise<boolean> {
    const { s } = this.shop;
    const delivery = this.deliveries.findLast(
      (d) => d.supplier === supplier && day.index - d.on <= (post ? 1 : 60),
    );
    const line = delivery?.lines.find(
      (l) => l.qty >= 12 && this.shop.availableOf(delivery.warehouse, l.item.sku) >= 6,
    );
    if (!delivery || !line) return false;
    await this.shop.act(day.at(10.4), async (trx) => {
      const draft = await s.purchaseReturns.create(
        trx,
        {
          supplier,
          warehouse: delivery.warehouse,
          purchaseOrder: delivery.order,
          lines: [{ sku: line.item.sku, qty: 6, reason }],
        },
        this.shop.principal,
      );
      if (post) await s.purchaseReturns.post(trx, this.shop.on(draft.id, null));
    });
    if (post) this.shop.shiftAvailable(delivery.warehouse, line.item.sku, -6);
    this.returns++;
    return true;
  }

  private async deliver(order: OpenOrder, day: DemoDay): Promise<void> {
    const { step } = order.next;
    const share = step === 'receive' ? 1 : step === 'receive_part' ? 0.6 : 0.6 + this.shop.random() * 0.25;
    const madeOn = dateAfter(day, -2);
    const lines = order.lines.flatMap((l) => {
      const open = l.qty - l.received;
      const qty = share === 1 || open <= 6 ? open : Math.floor((open * share) / 6) * 6;
      if (qty <= 0) return [];
      l.received += qty;
      this.shop.shiftAvailable(order.warehouse, l.item.sku, qty);
      this.shop.shiftOrdered(order.warehouse, l.item.sku, -qty);
      const batch =
        l.item.shelfLifeDays > 0
          ? { batch: `B${madeOn.replaceAll('-', '')}`, expiresOn: dateAfter(day, l.item.shelfLifeDays - 2) }
          : {};
      return [{ sku: l.item.sku, qty, ...batch }];
    });
    await this.shop.act(day.at(8), (trx) =>
      this.shop.s.purchaseOrders.receive(trx, this.shop.on(order.id, { lines })),
    );
    if (step === 'receive') {
      const { id, supplier, warehouse } = order;
      this.deliveries.push({ order: id, supplier, warehouse, lines: order.lines, on: day.index });
    } else {
      const later = step === 'receive_part' ? 'receive' : 'close';
      order.next = { on: day.index + (later === 'close' ? 3 : 2), step: later };
    }
  }

  private async end(order: OpenOrder, day: DemoDay): Promise<void> {
    const { s } = this.shop;
    for (const l of order.lines) this.shop.shiftOrdered(order.warehouse, l.item.sku, l.received - l.qty);
    await this.shop.act(day.at(8.5), (trx) =>
      order.next.step === 'close'
        ? s.purchaseOrders.close(
            trx,
            this.shop.on(order.id, { reason: '供应商缺货，余量不再发货 supplier out of stock' }),
          )
        : s.purchaseOrders.cancel(
            trx,
            this.shop.on(order.id, {
              reason: '供应商无法按期交货，改下新单 supplier cannot deliver in time',
            }),
          ),
    );
  }
}
