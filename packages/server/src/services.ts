import type { Kysely } from 'kysely';
import type { DB } from './db/schema';
import type { IdempotencyGuard } from './http/idempotency';
import type { RateLimiter } from './http/rate-limit';
import type { SessionService } from './modules/auth/sessions.service';
import type { BinService } from './modules/bins/bins.service';
import type { ItemService } from './modules/items/items.service';
import type { PartnerService } from './modules/partners/partners.service';
import type { PurchaseOrderService } from './modules/purchasing/purchase-orders.service';
import type { PurchaseReturnService } from './modules/purchasing/purchase-returns.service';
import type { QuarantineService } from './modules/quarantine/quarantine.service';
import type { ReceiptService } from './modules/receipts/receipts.service';
import type { BatchStock } from './modules/reports/batches.queries';
import type { MovementReport } from './modules/reports/movement.queries';
import type { ReservationService } from './modules/reservations/reservations.service';
import type { SalesOrderService } from './modules/sales/sales-orders.service';
import type { SalesReturnService } from './modules/sales/sales-returns.service';
import type { StockQueries } from './modules/stock/stock.queries';
import type { TransferService } from './modules/transfers/transfers.service';
import type { WarehouseService } from './modules/warehouses/warehouses.service';
import type { WriteOffService } from './modules/write-offs/write-offs.service';

/** Everything the routes use, wired once in `main.ts`. */
export interface Services {
  db: Kysely<DB>;
  timeZone: string;
  clock: () => number;
  idempotency: IdempotencyGuard;
  sessions: SessionService;
  loginLimiter: RateLimiter;
  warehouses: WarehouseService;
  items: ItemService;
  suppliers: PartnerService;
  customers: PartnerService;
  stock: StockQueries;
  movement: MovementReport;
  batches: BatchStock;
  reservations: ReservationService;
  receipts: ReceiptService;
  purchaseOrders: PurchaseOrderService;
  purchaseReturns: PurchaseReturnService;
  salesOrders: SalesOrderService;
  salesReturns: SalesReturnService;
  transfers: TransferService;
  bins: BinService;
  quarantine: QuarantineService;
  writeOffs: WriteOffService;
}
