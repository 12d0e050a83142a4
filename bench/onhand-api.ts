// Talks to a running Onhand through its HTTP API.
//   setup <baseUrl>             log in, create the warehouse and the hot item, receive BENCH_STOCK
//                               units; prints the bearer token
//   reserved <baseUrl> <token>  prints `reserved` of the hot SKU's row in GET /api/v1/stock
// Reads ONHAND_ADMIN_EMAIL, ONHAND_ADMIN_PASSWORD, BENCH_SKU, BENCH_WAREHOUSE, BENCH_STOCK.
const [command, baseUrl, givenToken] = process.argv.slice(2);
const sku = process.env.BENCH_SKU ?? 'BENCH-HOT';
const warehouse = process.env.BENCH_WAREHOUSE ?? 'BENCH-WH';
const stockUnits = Number(process.env.BENCH_STOCK ?? 10_000_000);

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return JSON.parse(text);
}

async function setup(): Promise<string> {
  const login = (await call('POST', '/api/v1/auth/login', null, {
    email: process.env.ONHAND_ADMIN_EMAIL,
    password: process.env.ONHAND_ADMIN_PASSWORD,
  })) as { token: string };
  const { token } = login;
  await call('POST', '/api/v1/warehouses', token, { code: warehouse, name: 'Bench warehouse' });
  await call('POST', '/api/v1/items', token, { sku, name: 'Bench hot item' });
  await call('POST', '/api/v1/receipts', token, {
    warehouse,
    lines: [{ sku, qty: stockUnits, unitCost: 1 }],
  });
  return token;
}

async function reserved(token: string): Promise<number> {
  const query = new URLSearchParams({ sku, warehouse });
  const page = (await call('GET', `/api/v1/stock?${query}`, token)) as { items: { reserved: number }[] };
  const row = page.items[0];
  if (!row) throw new Error(`no stock row for ${sku} in ${warehouse}`);
  return row.reserved;
}

if (!baseUrl) throw new Error('usage: onhand-api.ts setup <baseUrl> | reserved <baseUrl> <token>');
if (command === 'setup') console.log(await setup());
else if (command === 'reserved' && givenToken) console.log(await reserved(givenToken));
else throw new Error(`unknown command ${command}`);

export {};
