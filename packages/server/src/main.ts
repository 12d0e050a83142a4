import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import { connect, type Database } from './db/connect';
import { migrateToLatest } from './db/migrator';
import { type App, createHttpApp } from './http/app';
import { IdempotencyGuard } from './http/idempotency';
import { RateLimiter } from './http/rate-limit';
import { every } from './jobs/every';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { type AdminBootstrap, bootstrapAdmin } from './modules/auth/bootstrap-admin';
import { SessionService } from './modules/auth/sessions.service';
import { ItemService } from './modules/items/items.service';
import { registerMasterDataRoutes } from './modules/master-data.routes';
import { PartnerService } from './modules/partners/partners.service';
import { registerReceiptRoutes } from './modules/receipts/receipts.routes';
import { ReceiptService } from './modules/receipts/receipts.service';
import { References } from './modules/references';
import { registerReservationRoutes } from './modules/reservations/reservations.routes';
import { ReservationService } from './modules/reservations/reservations.service';
import { StockQueries } from './modules/stock/stock.queries';
import { registerStockRoutes } from './modules/stock/stock.routes';
import { WarehouseService } from './modules/warehouses/warehouses.service';
import type { Services } from './services';

/** A running Onhand: its HTTP app, database and services, and how to stop it. */
export interface Server {
  app: App;
  database: Database;
  services: Services;
  admin: AdminBootstrap | null;
  stop(): Promise<void>;
}

const webPage = fileURLToPath(new URL('../../web/index.html', import.meta.url));

/** Wires the services by hand over one database. */
export function wireServices(database: Database, timeZone: string, clock: () => number): Services {
  const { db } = database;
  const references = new References(db);
  const idempotency = new IdempotencyGuard(db, clock);
  return {
    db,
    timeZone,
    clock,
    idempotency,
    sessions: new SessionService(db, clock),
    loginLimiter: new RateLimiter(10, 60_000, clock),
    warehouses: new WarehouseService(db, clock),
    items: new ItemService(db, clock),
    suppliers: new PartnerService(db, 'suppliers', clock),
    customers: new PartnerService(db, 'customers', clock),
    stock: new StockQueries(db, timeZone),
    reservations: new ReservationService(database, references, idempotency, clock),
    receipts: new ReceiptService(db, references, clock),
  };
}

/**
 * The composition root: config → database (migrated under a lock) → first administrator →
 * services → routes → background jobs.
 */
export async function buildServer(
  config: Config,
  options: { clock?: () => number; logger?: boolean | object; jobs?: boolean } = {},
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
    const app = await createHttpApp({
      sessions: services.sessions,
      logger: options.logger ?? { level: config.logLevel },
    });
    const page = readFileSync(webPage, 'utf8');
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(page),
    );
    registerAuthRoutes(app, services);
    registerMasterDataRoutes(app, services);
    registerStockRoutes(app, services);
    registerReservationRoutes(app, services);
    registerReceiptRoutes(app, services);
    const jobs =
      options.jobs === false
        ? []
        : [
            every('expired reservations released', 1000, () => services.reservations.expireDue(), app.log),
            every('old idempotency keys forgotten', 3_600_000, () => services.idempotency.prune(), app.log),
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
