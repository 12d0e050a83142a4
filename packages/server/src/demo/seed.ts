import type { Database } from '../db/connect';
import { principalOf } from '../modules/auth/principal';
import { demoDays } from './calendar';
import { DEMO_CUSTOMERS, DEMO_SUPPLIERS, DEMO_WAREHOUSES } from './catalog';
import { loadMasterData, receiveOpeningStock, setStockLevels } from './master-data';
import { PurchasingHistory } from './purchasing-history';
import { ReturnsHistory } from './returns-history';
import { SalesHistory } from './sales-history';
import { DemoShop } from './shop';
import { StockCountHistory } from './stock-count-history';
import { TransferHistory } from './transfer-history';

/** Whole days of history before today. */
const HISTORY_DAYS = 180;

/**
 * Loads the demo shop into an empty database (no warehouses yet): warehouses and a store, 180
 * SKUs, suppliers, customers and six months of history made through the real documents —
 * purchase orders, sales orders from several channels, returns, transfers, month-end counts and
 * write-offs — day by day, each
 * action in its own transaction at its time, through the same services and ledger as real work.
 * Returns what it loaded, or null.
 */
export async function seedDemo(
  database: Database,
  timeZone: string,
  now: number,
): Promise<Record<string, number> | null> {
  const { db } = database;
  if (await db.selectFrom('warehouses').select('id').limit(1).executeTakeFirst()) return null;
  const admin = await db
    .selectFrom('users')
    .selectAll()
    .where('roles', 'like', '%admin%')
    .orderBy('created_at')
    .executeTakeFirst();
  const days = demoDays(now, timeZone, HISTORY_DAYS);
  const [first] = days;
  if (!admin || !first) return null;
  const shop = new DemoShop(database, timeZone, principalOf(admin, 'demo'), first.at(7));
  const items = await loadMasterData(shop, first.at(7));
  if (!items) return null;
  shop.items = items;
  const receipts = await receiveOpeningStock(shop, first);
  await setStockLevels(shop, first.at(9));

  const purchasing = new PurchasingHistory(shop, HISTORY_DAYS - 1);
  const transfers = new TransferHistory(shop, HISTORY_DAYS - 1);
  const sales = new SalesHistory(shop, now);
  const returns = new ReturnsHistory(shop, sales);
  const counts = new StockCountHistory(shop);
  for (const day of days) {
    if (!day.today) {
      await purchasing.receive(day);
      await transfers.receive(day);
      await sales.ship(day);
      await purchasing.order(day);
      await transfers.send(day);
      await returns.receive(day);
      await purchasing.returnToSuppliers(day);
    }
    await sales.sell(day);
    if (day.monthEnd && !day.today) await counts.countAndWriteOff(day);
  }
  return {
    warehouses: DEMO_WAREHOUSES.length,
    items: items.length,
    suppliers: DEMO_SUPPLIERS.length,
    customers: DEMO_CUSTOMERS.length,
    receipts,
    purchaseOrders: purchasing.orders,
    purchaseReturns: purchasing.returns,
    salesOrders: sales.orders,
    salesReturns: returns.returns,
    transfers: transfers.transfers,
    stocktakes: counts.stocktakes,
    writeOffs: counts.writeOffs,
  };
}
