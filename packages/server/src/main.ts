import { fileURLToPath } from 'node:url';
import { startScheduledBackups } from './backup/schedule';
import type { Config } from './config';
import { connect, type Database } from './db/connect';
import { migrateToLatest } from './db/migrator';
import { type App, createHttpApp } from './http/app';
import { IdempotencyGuard } from './http/idempotency';
import type { LogSettings } from './http/logging';
import { RateLimiter } from './http/rate-limit';
import { registerWebApp } from './http/web-app';
import { every } from './jobs/every';
import { approvableActions } from './modules/approvals/approvable-actions';
import { ApprovalRuleService } from './modules/approvals/approval-rules.service';
import { registerApprovalRoutes } from './modules/approvals/approvals.routes';
import { ApprovalService } from './modules/approvals/approvals.service';
import { AuditLog } from './modules/audit/audit.queries';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { AuthChanges } from './modules/auth/auth-changes';
import { type AdminBootstrap, bootstrapAdmin } from './modules/auth/bootstrap-admin';
import { SecondFactorService } from './modules/auth/second-factor';
import { registerSecondFactorRoutes } from './modules/auth/second-factor.routes';
import { SessionService } from './modules/auth/sessions.service';
import { registerBinRoutes } from './modules/bins/bins.routes';
import { BinService } from './modules/bins/bins.service';
import { DashboardQueries } from './modules/dashboard/dashboard.queries';
import { registerDashboardRoutes } from './modules/dashboard/dashboard.routes';
import { importTargets } from './modules/imports/import-targets';
import { registerImportRoutes } from './modules/imports/imports.routes';
import { MasterDataImports } from './modules/imports/master-data-imports';
import { registerCategoryRoutes } from './modules/items/categories.routes';
import { ItemService } from './modules/items/items.service';
import { registerLabelRoutes } from './modules/labels/labels.routes';
import { registerMasterDataRoutes } from './modules/master-data.routes';
import { PartnerService } from './modules/partners/partners.service';
import { PurchaseOrderService } from './modules/purchasing/purchase-orders.service';
import { PurchaseReturnService } from './modules/purchasing/purchase-returns.service';
import { registerPurchasingRoutes } from './modules/purchasing/purchasing.routes';
import { registerQuarantineRoutes } from './modules/quarantine/quarantine.routes';
import { QuarantineService } from './modules/quarantine/quarantine.service';
import { registerReceiptRoutes } from './modules/receipts/receipts.routes';
import { ReceiptService } from './modules/receipts/receipts.service';
import { References } from './modules/references';
import { BatchStock } from './modules/reports/batches.queries';
import { MovementReport } from './modules/reports/movement.queries';
import { registerReportRoutes } from './modules/reports/reports.routes';
import { registerReservationRoutes } from './modules/reservations/reservations.routes';
import { ReservationService } from './modules/reservations/reservations.service';
import { registerSalesRoutes } from './modules/sales/sales.routes';
import { SalesOrderService } from './modules/sales/sales-orders.service';
import { SalesReturnService } from './modules/sales/sales-returns.service';
import { StockQueries } from './modules/stock/stock.queries';
import { registerStockRoutes } from './modules/stock/stock.routes';
import { StockLevelService } from './modules/stock/stock-levels.service';
import { registerStocktakeRoutes } from './modules/stocktakes/stocktakes.routes';
import { StocktakeService } from './modules/stocktakes/stocktakes.service';
import { registerTransferRoutes } from './modules/transfers/transfers.routes';
import { TransferService } from './modules/transfers/transfers.service';
import { ApiTokenService } from './modules/users/api-tokens.service';
import { RoleService } from './modules/users/roles.service';
import { registerUserRoutes } from './modules/users/users.routes';
import { UserService } from './modules/users/users.service';
import { WarehouseService } from './modules/warehouses/warehouses.service';
import { registerWriteOffRoutes } from './modules/write-offs/write-offs.routes';
import { WriteOffService } from './modules/write-offs/write-offs.service';
import type { Services } from './services';

/** A running Onhand: its HTTP app, database and services, and how to stop it. */
export interface Server {
  app: App;
  database: Database;
  services: Services;
  admin: AdminBootstrap | null;
  stop(): Promise<void>;
}

/** Where `npm start` (and `npm run build`) put the built web app. */
const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Wires the services by hand over one database. */
export function wireServices(database: Database, timeZone: string, clock: () => number): Services {
  const { db } = database;
  const references = new References(db);
  const idempotency = new IdempotencyGuard(db, clock);
  const authChanges = new AuthChanges(database.notifications);
  const roles = new RoleService(db, clock, authChanges);
  const apiTokens = new ApiTokenService(db, clock, roles);
  const sessions = new SessionService(db, clock, roles, apiTokens, authChanges);
  const salesOrders = new SalesOrderService(db, references, clock);
  const users = new UserService(db, roles, sessions, clock);
  const purchaseOrders = new PurchaseOrderService(db, references, clock);
  const stocktakes = new StocktakeService(db, references, clock);
  const writeOffs = new WriteOffService(db, references, clock);
  const approvalRules = new ApprovalRuleService(db, clock);
  const actions = approvableActions({ writeOffs, stocktakes, purchaseOrders, users, roles });
  const masterData = {
    warehouses: new WarehouseService(db, clock),
    items: new ItemService(db, clock),
    suppliers: new PartnerService(db, 'suppliers', clock),
    customers: new PartnerService(db, 'customers', clock),
  };
  return {
    db,
    timeZone,
    clock,
    idempotency,
    authChanges,
    audit: new AuditLog(db),
    sessions,
    roles,
    users,
    apiTokens,
    secondFactor: new SecondFactorService(db, clock),
    loginLimiter: new RateLimiter(10, 60_000, clock),
    ...masterData,
    imports: new MasterDataImports(db, importTargets(masterData)),
    stock: new StockQueries(db, timeZone),
    stockLevels: new StockLevelService(db, references, clock),
    movement: new MovementReport(db),
    batches: new BatchStock(db, timeZone, clock),
    dashboard: new DashboardQueries(db, timeZone, clock),
    reservations: new ReservationService(database, references, idempotency, clock),
    receipts: new ReceiptService(db, references, clock),
    purchaseOrders,
    purchaseReturns: new PurchaseReturnService(db, references, clock),
    salesOrders,
    salesReturns: new SalesReturnService(db, salesOrders, clock),
    transfers: new TransferService(db, references, clock),
    bins: new BinService(db, references, clock),
    quarantine: new QuarantineService(db, references, clock),
    stocktakes,
    writeOffs,
    approvalRules,
    approvals: new ApprovalService(db, approvalRules, actions, clock),
  };
}

/**
 * The composition root: config → database (migrated under a lock) → first administrator →
 * services → routes → background jobs.
 */
export async function buildServer(
  config: Config,
  options: { clock?: () => number; logger?: LogSettings; jobs?: boolean } = {},
): Promise<Server> {
  const clock = options.clock ?? Date.now;
  const database = connect(config.databaseUrl, { poolSize: config.poolSize });
  try {
    await migrateToLatest(database);
    const admin = await bootstrapAdmin(
      database.db,
      { email: config.adminEmail, password: config.adminPassword },
      clock(),
    );
    const services = wireServices(database, config.timeZone, clock);
    await services.authChanges.start();
    const app = await createHttpApp({
      sessions: services.sessions,
      logger: options.logger ?? { level: config.logLevel },
      trustProxy: config.trustProxy,
      requestTimeoutMs: config.requestTimeoutMs,
      connectionTimeoutMs: config.connectionTimeoutMs,
    });
    await registerWebApp(app, webDist);
    registerAuthRoutes(app, services);
    registerUserRoutes(app, services);
    registerSecondFactorRoutes(app, services);
    registerMasterDataRoutes(app, services);
    registerCategoryRoutes(app, services);
    registerImportRoutes(app, services);
    registerLabelRoutes(app, services);
    registerStockRoutes(app, services);
    registerReservationRoutes(app, services);
    registerReceiptRoutes(app, services);
    registerPurchasingRoutes(app, services);
    registerSalesRoutes(app, services);
    registerTransferRoutes(app, services);
    registerBinRoutes(app, services);
    registerQuarantineRoutes(app, services);
    registerReportRoutes(app, services);
    registerDashboardRoutes(app, services);
    registerStocktakeRoutes(app, services);
    registerWriteOffRoutes(app, services);
    registerApprovalRoutes(app, services);
    registerAuditRoutes(app, services);
    const { leadership } = database;
    const job = (name: string, intervalMs: number, task: () => Promise<number>) =>
      every(name, intervalMs, task, app.log, leadership);
    if (options.jobs !== false) await leadership.start();
    const jobs =
      options.jobs === false
        ? []
        : [
            job('expired reservations released', 1000, () => services.reservations.expireDue()),
            job('old idempotency keys forgotten', 3_600_000, () => services.idempotency.prune()),
            ...startScheduledBackups(database, config.backupSchedule, clock, app.log),
          ];
    return {
      app,
      database,
      services,
      admin,
      async stop() {
        for (const stop of jobs) stop();
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
