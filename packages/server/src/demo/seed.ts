import { formatDecimal, MONEY_SCALE } from '@onhand/domain';
import type { Database } from '../db/connect';
import { Problem } from '../http/problem';
import { wireServices } from '../main';
import type { Principal } from '../modules/auth/principal';
import { principalOf } from '../modules/auth/principal';
import { DEMO_CATEGORIES, DEMO_CUSTOMERS, DEMO_SUPPLIERS, DEMO_WAREHOUSES } from './catalog';

const DAY = 86_400_000;

/** A small deterministic generator, so every demo shop is the same. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Loads the demo shop into an empty database (no warehouses yet): warehouses and a store, about
 * 200 SKUs, suppliers, customers, six months of receipts and some open reservations — all
 * through the same services and ledger as real work. Returns what it loaded, or null.
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
  if (!admin) return null;
  const principal: Principal = principalOf(admin, 'demo');
  let clock = now - 180 * DAY;
  const s = wireServices(database, timeZone, () => clock);
  const rnd = random(20261122);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

  const skus: { sku: string; cost: number; expiry: boolean }[] = [];
  const created = await db
    .transaction()
    .execute(async (trx) => {
      for (const w of DEMO_WAREHOUSES) await s.warehouses.create(trx, w);
      for (const p of DEMO_SUPPLIERS) await s.suppliers.create(trx, p);
      for (const c of DEMO_CUSTOMERS) await s.customers.create(trx, c);
      for (const category of DEMO_CATEGORIES) {
        let n = 0;
        for (const product of category.products) {
          for (const size of category.sizes) {
            n++;
            const sku = `${category.prefix}-${String(n).padStart(3, '0')}`;
            const [low, high] = category.cost;
            const cost = Math.round((low + rnd() * (high - low)) * 100) / 100;
            await s.items.create(trx, {
              sku,
              name: `${product} ${size}`,
              unit: category.unit,
              category: category.name,
              barcodes: [`69${String(skus.length + 1).padStart(10, '0')}${skus.length % 10}`],
              batchTracked: category.expiry,
              expiryTracked: category.expiry,
            });
            skus.push({ sku, cost, expiry: category.expiry });
          }
        }
      }
      return true;
    })
    // Another process starting on the same empty database loaded the demo first.
    .catch((error: unknown) => {
      if (error instanceof Problem && error.code === 'conflict') return false;
      throw error;
    });
  if (!created) return null;

  let receipts = 0;
  const receive = async (warehouse: string, lines: typeof skus, at: number) => {
    clock = at;
    await db.transaction().execute((trx) =>
      s.receipts.create(
        trx,
        {
          warehouse,
          reference: `DEMO-${receipts + 1}`,
          lines: lines.map((l) => {
            const batchDate = new Date(at).toISOString().slice(0, 10).replaceAll('-', '');
            const expires = new Date(at + 365 * DAY).toISOString().slice(0, 10);
            return {
              sku: l.sku,
              qty: 20 + Math.floor(rnd() * 30) * 10,
              unitCost: formatDecimal(
                BigInt(Math.round(l.cost * (0.95 + rnd() * 0.1) * 10_000)),
                MONEY_SCALE,
              ),
              ...(l.expiry ? { batch: `B${batchDate}`, expiresOn: expires } : {}),
            };
          }),
        },
        principal,
      ),
    );
    receipts++;
  };
  const warehouses = DEMO_WAREHOUSES.filter((w) => w.kind === 'warehouse').map((w) => w.code);
  for (const w of warehouses) await receive(w, skus, now - 180 * DAY + warehouses.indexOf(w) * DAY);
  for (let month = 1; month <= 5; month++) {
    for (const w of warehouses) {
      const lines = skus.filter(() => rnd() < 0.25);
      if (lines.length > 0)
        await receive(w, lines, now - (180 - month * 30) * DAY + Math.floor(rnd() * 20) * DAY);
    }
  }
  await receive(
    'SH-STORE-01',
    skus.filter(() => rnd() < 0.3),
    now - 30 * DAY,
  );

  clock = now;
  let reservations = 0;
  for (let i = 0; i < 40; i++) {
    const result = await s.reservations.reserve(
      {
        sku: pick(skus).sku,
        warehouse: pick(warehouses),
        qty: 1 + Math.floor(rnd() * 12),
        reference: `${pick(DEMO_CUSTOMERS).code}-${10_000 + i}`,
      },
      principal,
      null,
    );
    if (result.status === 201) reservations++;
  }
  return {
    warehouses: DEMO_WAREHOUSES.length,
    items: skus.length,
    suppliers: DEMO_SUPPLIERS.length,
    customers: DEMO_CUSTOMERS.length,
    receipts,
    reservations,
  };
}
