import type { DemoDay } from './calendar';
import type { SalesHistory, SoldOrder } from './sales-history';
import type { DemoShop } from './shop';

/** What happens to returned goods, and why: every sixth is held for inspection, every twelfth written off. */
const DISPOSITIONS = {
  restock: '七天无理由退货 changed their mind',
  quarantine: '外包装破损，待检 damaged box, to inspect',
  write_off: '商品损坏 broken in delivery',
} as const;

/**
 * 销售退货: a few online buyers send something back five days after it shipped — mostly put back
 * on sale, some held for inspection, the odd one written off — and one buyer exchanges a size.
 */
export class ReturnsHistory {
  returns = 0;
  private exchanged = false;

  constructor(
    private readonly shop: DemoShop,
    private readonly sales: SalesHistory,
  ) {}

  /** 10:20: the returns that came back today. */
  async receive(day: DemoDay): Promise<void> {
    for (const order of this.sales.shipped.filter((o) => o.shippedOn === day.index - 5)) {
      if (!this.shop.chance(0.04)) continue;
      if (!this.exchanged && day.index >= 90 && (await this.exchange(order, day))) continue;
      const line = this.shop.pick(order.lines);
      const qty = this.shop.between(1, line.qty);
      const disposition =
        this.returns % 12 === 11 ? 'write_off' : this.returns % 6 === 5 ? 'quarantine' : 'restock';
      const reason = DISPOSITIONS[disposition];
      await this.shop.act(day.at(10.3), (trx) =>
        this.shop.s.salesReturns.create(
          trx,
          order.id,
          { lines: [{ sku: line.item.sku, qty, line: line.line, disposition, reason }] },
          this.shop.principal,
        ),
      );
      if (disposition === 'restock') this.shop.shiftAvailable(order.warehouse, line.item.sku, qty);
      this.returns++;
    }
  }

  /** The buyer sends back one size and takes another of the same product, if the warehouse has it. */
  private async exchange(order: SoldOrder, day: DemoDay): Promise<boolean> {
    const line = order.lines[0];
    const other = this.shop.items.find(
      (i) =>
        line &&
        i.product === line.item.product &&
        i !== line.item &&
        this.shop.availableOf(order.warehouse, i.sku) >= line.qty,
    );
    if (!line || !other) return false;
    const done = await this.shop.act(day.at(10.3), (trx) =>
      this.shop.s.salesReturns.create(
        trx,
        order.id,
        {
          lines: [
            {
              sku: line.item.sku,
              qty: line.qty,
              line: line.line,
              disposition: 'restock',
              reason: '换规格 wants another size',
            },
          ],
          exchange: { lines: [{ sku: other.sku, qty: line.qty, unitPrice: other.price.toFixed(2) }] },
        },
        this.shop.principal,
      ),
    );
    this.shop.shiftAvailable(order.warehouse, line.item.sku, line.qty);
    this.shop.shiftAvailable(order.warehouse, other.sku, -line.qty);
    const exchange = [{ item: other, qty: line.qty, line: 1 }];
    this.sales.follow(done.exchangeOrderId ?? '', order.warehouse, exchange, day);
    this.exchanged = true;
    this.returns++;
    return true;
  }
}
