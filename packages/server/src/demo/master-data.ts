import { Problem } from '../http/problem';
import { type DemoDay, dateAfter } from './calendar';
import { DEMO_CATEGORIES, DEMO_CUSTOMERS, DEMO_SUPPLIERS, DEMO_WAREHOUSES } from './catalog';
import { type DemoItem, type DemoShop, targetOf, yuan } from './shop';

/** How many of the best sellers the store keeps on its shelves. */
const STORE_RANGE = 60;

/**
 * Creates the warehouses, suppliers, customers and items in one transaction. Returns the items,
 * or null when another process loading the same empty database got there first.
 */
export async function loadMasterData(shop: DemoShop, at: number): Promise<DemoItem[] | null> {
  const { s, principal } = shop;
  const items: DemoItem[] = [];
  const created = await shop
    .act(at, async (trx) => {
      for (const w of DEMO_WAREHOUSES) await s.warehouses.create(trx, w, principal);
      for (const p of DEMO_SUPPLIERS) await s.suppliers.create(trx, p, principal);
      for (const c of DEMO_CUSTOMERS) await s.customers.create(trx, c, principal);
      for (const category of DEMO_CATEGORIES) {
        let n = 0;
        for (const product of category.products) {
          for (const size of category.sizes) {
            n++;
            const sku = `${category.prefix}-${String(n).padStart(3, '0')}`;
            const [low, high] = category.cost;
            const cost = Math.round((low + shop.random() * (high - low)) * 100) / 100;
            await s.items.create(
              trx,
              {
                sku,
                name: `${product} ${size}`,
                unit: category.unit,
                category: category.name,
                barcodes: [`69${String(items.length + 1).padStart(10, '0')}${items.length % 10}`],
                batchTracked: category.shelfLifeDays > 0,
                expiryTracked: category.shelfLifeDays > 0,
              },
              principal,
            );
            const price = Math.ceil(cost * (1.45 + shop.random() * 0.3)) - 0.01;
            const { supplier, shelfLifeDays } = category;
            items.push({ sku, product, supplier, cost, price, shelfLifeDays, popularity: 0, inStore: false });
          }
        }
      }
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof Problem && error.code === 'conflict') return false;
      throw error;
    });
  if (!created) return null;
  rankByPopularity(shop, items);
  return items;
}

/**
 * Sets a safety stock (about a week of sales) and min/max for every SKU each warehouse carries:
 * the dashboard and the low-stock list have real thresholds to compare with.
 */
export async function setStockLevels(shop: DemoShop, at: number): Promise<void> {
  await shop.act(at, async (trx) => {
    for (const w of DEMO_WAREHOUSES)
      for (const item of shop.items.filter((i) => w.kind === 'warehouse' || i.inStore)) {
        const target = targetOf(w.code, item);
        const safetyStock = Math.ceil(target / 5);
        await shop.s.stockLevels.set(
          trx,
          {
            sku: item.sku,
            warehouse: w.code,
            safetyStock,
            min: safetyStock,
            max: target * 2,
          },
          shop.principal,
        );
      }
  });
}

/** A few best sellers and a long tail (a Zipf curve over a shuffled order), averaging 1. */
function rankByPopularity(shop: DemoShop, items: DemoItem[]): void {
  const order = items.map((item) => ({ item, key: shop.random() })).sort((a, b) => a.key - b.key);
  const weights = order.map((_, rank) => (rank + 1) ** -0.6);
  const mean = weights.reduce((sum, w) => sum + w, 0) / weights.length;
  for (const [rank, { item }] of order.entries()) {
    item.popularity = (weights[rank] ?? 0) / mean;
    item.inStore = rank < STORE_RANGE;
  }
}

/** The stock the shop had when the history starts: a goods receipt per warehouse and the store. */
export async function receiveOpeningStock(shop: DemoShop, day: DemoDay): Promise<number> {
  const madeOn = dateAfter(day, -30);
  for (const w of DEMO_WAREHOUSES) {
    const lines = shop.items
      .filter((item) => w.kind === 'warehouse' || item.inStore)
      .map((item) => {
        const qty = Math.ceil((targetOf(w.code, item) * (0.8 + shop.random() * 0.5)) / 6) * 6;
        shop.shiftAvailable(w.code, item.sku, qty);
        const batch =
          item.shelfLifeDays > 0
            ? { batch: `B${madeOn.replaceAll('-', '')}`, expiresOn: dateAfter(day, item.shelfLifeDays - 30) }
            : {};
        return { sku: item.sku, qty, unitCost: yuan(item.cost), ...batch };
      });
    await shop.act(day.at(8), (trx) =>
      shop.s.receipts.create(
        trx,
        { warehouse: w.code, reference: '期初库存 Opening stock', lines },
        shop.principal,
      ),
    );
  }
  return DEMO_WAREHOUSES.length;
}
