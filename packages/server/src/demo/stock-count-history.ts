import type { DemoDay } from './calendar';
import { DEMO_WAREHOUSES } from './catalog';
import type { DemoItem, DemoShop } from './shop';

/** Why a count came out short (盘亏), in turn. */
const SHORT_REASONS = ['damage', 'theft', 'error'] as const;

/**
 * 盘点 and 报损 at each month end: every warehouse counts a dozen SKUs (a cycle count, one in four
 * a unit or two short, now and then one found), posts the variances with a reason, and writes off
 * a few damaged units — so the loss analysis and the 进销存 report have adjustments to show.
 */
export class StockCountHistory {
  stocktakes = 0;
  writeOffs = 0;

  constructor(private readonly shop: DemoShop) {}

  /** 18:00 on the last day of a month. */
  async countAndWriteOff(day: DemoDay): Promise<void> {
    for (const w of DEMO_WAREHOUSES.filter((x) => x.kind === 'warehouse')) {
      // Unbatched SKUs only: a cycle count of batch-tracked goods would count batch by batch.
      const counted = this.shop.items.filter(
        (i) => i.shelfLifeDays === 0 && this.shop.availableOf(w.code, i.sku) >= 3,
      );
      const skus = [...new Set(Array.from({ length: 12 }, () => this.shop.pick(counted)))];
      if (skus.length > 0) await this.count(w.code, skus, day);
      const damaged = this.shop.pick(counted);
      if (damaged) await this.writeOff(w.code, damaged, day);
    }
  }

  private async count(warehouse: string, items: readonly DemoItem[], day: DemoDay): Promise<void> {
    const { s, principal } = this.shop;
    const variances = new Map(
      items.map((item) => {
        const roll = this.shop.random();
        return [item.sku, roll < 0.2 ? -this.shop.between(1, 2) : roll > 0.95 ? 1 : 0];
      }),
    );
    await this.shop.act(day.at(18), async (trx) => {
      const take = await s.stocktakes.create(trx, { warehouse, skus: [...variances.keys()] }, principal);
      const lines = take.lines.map((line) => ({
        sku: line.sku,
        countedQty: (line.qty ?? 0) + (variances.get(line.sku) ?? 0),
      }));
      await s.stocktakes.count(trx, this.shop.on(take.id, { lines }));
      const reason = SHORT_REASONS[this.stocktakes % SHORT_REASONS.length] ?? 'error';
      const reasons = [...variances].flatMap(([sku, v]) => (v < 0 ? [{ sku, reason }] : []));
      await s.stocktakes.post(trx, this.shop.on(take.id, { reasons }));
    });
    for (const [sku, v] of variances) this.shop.shiftAvailable(warehouse, sku, v);
    this.stocktakes++;
  }

  private async writeOff(warehouse: string, item: DemoItem, day: DemoDay): Promise<void> {
    const { s, principal } = this.shop;
    const qty = this.shop.between(1, 2);
    await this.shop.act(day.at(18.5), async (trx) => {
      const wo = await s.writeOffs.create(
        trx,
        {
          warehouse,
          lines: [{ sku: item.sku, qty, reason: 'damage', note: '搬运破损 damaged in handling' }],
        },
        principal,
      );
      await s.writeOffs.post(trx, this.shop.on(wo.id, undefined));
    });
    this.shop.shiftAvailable(warehouse, item.sku, -qty);
    this.writeOffs++;
  }
}
