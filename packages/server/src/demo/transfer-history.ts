import type { DemoDay } from './calendar';
import { type DemoItem, type DemoShop, targetOf } from './shop';

const STORE = 'SH-STORE-01';

/** Every three weeks stock is rebalanced along one of these routes in turn, ending with the first. */
const ROUTES = [
  { from: 'SH', to: 'BJ' },
  { from: 'SH', to: 'GZ' },
  { from: 'GZ', to: 'BJ' },
] as const;

/** A line of a transfer. */
interface Line {
  item: DemoItem;
  qty: number;
}

/** A transfer of the demo between shipping and its end. */
interface Shipment {
  id: string;
  to: string;
  lines: Line[];
  next: { on: number; step: 'receive' | 'receive_short' | 'close' };
}

/**
 * 调拨: the store is topped up from Shanghai every Monday and Thursday and receives the next
 * morning; every three weeks a warehouse with plenty sends to one running low, two days on the
 * road. One such transfer arrives short and the missing units are closed as lost a day later;
 * the last one is still on the road now.
 */
export class TransferHistory {
  transfers = 0;
  private onTheRoad: Shipment[] = [];
  private lossTaken = false;

  constructor(
    private readonly shop: DemoShop,
    private readonly lastIndex: number,
  ) {}

  /** 08:00: what arrives is received; a short arrival's missing units are closed as lost. */
  async receive(day: DemoDay): Promise<void> {
    const { s } = this.shop;
    for (const t of this.onTheRoad.filter((t) => t.next.on === day.index)) {
      if (t.next.step === 'close') {
        await this.shop.act(day.at(8), (trx) =>
          s.transfers.close(trx, this.shop.on(t.id, { reason: '运输途中破损 damaged in transit' })),
        );
        continue;
      }
      const short = t.next.step === 'receive_short';
      // On a short arrival, the first line is missing a few units.
      const arrived = t.lines.map((l, i) => ({
        ...l,
        qty: short && i === 0 ? l.qty - Math.min(3, l.qty - 1) : l.qty,
      }));
      const body = short
        ? { lines: arrived.map((l, i) => ({ sku: l.item.sku, qty: l.qty, line: i + 1 })) }
        : null;
      await this.shop.act(day.at(8), (trx) => s.transfers.receive(trx, this.shop.on(t.id, body)));
      for (const l of arrived) this.shop.shiftAvailable(t.to, l.item.sku, l.qty);
      if (short) t.next = { on: day.index + 1, step: 'close' };
    }
    this.onTheRoad = this.onTheRoad.filter((t) => t.next.on > day.index);
  }

  /** 10:00: the store's top-up on Mondays and Thursdays; a rebalancing every three weeks. */
  async send(day: DemoDay): Promise<void> {
    if (day.weekday === 1 || day.weekday === 4) await this.ship(day, 'SH', STORE, this.storeTopUp());
    const cycle = (this.lastIndex - day.index) / 21;
    const route = ROUTES[cycle % ROUTES.length];
    if (Number.isInteger(cycle) && route) await this.ship(day, route.from, route.to, this.rebalance(route));
  }

  /** The store's range below 60% of its target, topped up, as far as half of Shanghai's stock goes. */
  private storeTopUp(): Line[] {
    return this.shop.items
      .filter((item) => item.inStore)
      .map((item) => {
        const have = this.shop.availableOf(STORE, item.sku);
        const target = targetOf(STORE, item);
        const spare = Math.floor(this.shop.availableOf('SH', item.sku) / 2);
        return { item, qty: have < target * 0.6 ? Math.min(target - have, spare) : 0 };
      })
      .filter((l) => l.qty > 0);
  }

  /**
   * Up to 12 SKUs the destination has (with what is on order) under 80% of its target of, as far
   * as the source can spare above 80% of its own, in cases of 6. Nothing short: a case each of
   * the three SKUs the source holds most of against its target.
   */
  private rebalance(route: (typeof ROUTES)[number]): Line[] {
    const ranked = this.shop.items
      .map((item) => {
        const target = targetOf(route.to, item);
        const need = target - this.shop.coverOf(route.to, item.sku);
        const spare = this.shop.availableOf(route.from, item.sku) - targetOf(route.from, item) * 0.8;
        const qty = Math.floor(Math.min(need > target * 0.2 ? need : 0, spare) / 6) * 6;
        return { item, qty, plenty: spare / targetOf(route.from, item) };
      })
      .sort((a, b) => b.qty - a.qty || b.plenty - a.plenty);
    const short = ranked.filter((l) => l.qty > 0).slice(0, 12);
    const lines =
      short.length > 0
        ? short
        : ranked
            .filter((l) => l.plenty > 0)
            .slice(0, 3)
            .map((l) => ({ ...l, qty: 6 }));
    return lines.map(({ item, qty }) => ({ item, qty }));
  }

  /** Creates, confirms (reserving at the source) and ships a transfer as the truck leaves; it arrives a day or two later. */
  private async ship(day: DemoDay, from: string, to: string, lines: Line[]): Promise<void> {
    if (lines.length === 0) return;
    const { s } = this.shop;
    const created = await this.shop.act(day.at(10), async (trx) => {
      const input = { from, to, lines: lines.map((l) => ({ sku: l.item.sku, qty: l.qty })) };
      const draft = await s.transfers.create(trx, input, this.shop.principal);
      await s.transfers.confirm(trx, this.shop.on(draft.id, null));
      return s.transfers.ship(trx, this.shop.on(draft.id, null));
    });
    for (const l of lines) this.shop.shiftAvailable(from, l.item.sku, -l.qty);
    this.transfers++;
    const arriveOn = day.index + (to === STORE ? 1 : 2);
    const short = !this.lossTaken && to !== STORE && day.index >= 100 && arriveOn < this.lastIndex;
    if (short) this.lossTaken = true;
    this.onTheRoad.push({
      id: created.id,
      to,
      lines,
      next: { on: arriveOn, step: short ? 'receive_short' : 'receive' },
    });
  }
}
