// Prints the tables of a benchmark run from the results.jsonl that bench/run.sh wrote.
// Usage: npx tsx bench/report.ts <results.jsonl> <connections>
import { readFileSync } from 'node:fs';

/** What reserve.lua's done() prints after one wrk run. */
interface WrkResult {
  requests: number;
  durationUs: number;
  ok: number;
  non2xx: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  timeouts: number;
  p50Us: number;
  p99Us: number;
}
/** Rows and balance of the hot SKU after a server stopped (count-rows.ts); units, not thousandths. */
interface Counted {
  onHand: number;
  reserved: number;
  active: number;
  recorded201: number;
}
type Line =
  | { kind: 'run'; scenario: string; run: string; result: WrkResult; serverCpuMs: number }
  | { kind: 'check'; scenario: string; db: Counted; apiReserved: number | null };

const [file, connectionsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: report.ts <results.jsonl> <connections>');
const connections = Number(connectionsArg ?? 50);
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Line);

const SCENARIOS = [
  'bare',
  'naive-sqlite',
  'naive-postgres',
  'coalesced-sqlite',
  'coalesced-postgres',
  'onhand-sqlite',
  'onhand-postgres',
];
const runsOf = (scenario: string) =>
  lines.flatMap((l) => (l.kind === 'run' && l.scenario === scenario ? [l] : []));
const perSecond = (n: number, r: WrkResult) => n / (r.durationUs / 1e6);
const reservationsPerSecond = (r: WrkResult) => perSecond(r.ok, r);
const socketErrors = (r: WrkResult) => r.connectErrors + r.readErrors + r.writeErrors + r.timeouts;

/** Server CPU time (all its threads, not PostgreSQL's) per request of a run, in µs. */
const cpuPerRequest = (l: { result: WrkResult; serverCpuMs: number }) =>
  (l.serverCpuMs * 1000) / Math.max(1, l.result.requests);

/** The measured run with the median reservations/s (warm-up runs excluded). */
function median(scenario: string): { result: WrkResult; cpuUs: number; all: WrkResult[] } | null {
  const measured = runsOf(scenario).filter((l) => l.run !== 'warmup');
  const sorted = [...measured].sort(
    (a, b) => reservationsPerSecond(a.result) - reservationsPerSecond(b.result),
  );
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  return middle
    ? { result: middle.result, cpuUs: cpuPerRequest(middle), all: measured.map((l) => l.result) }
    : null;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (us: number) => (us / 1000).toFixed(us < 10_000 ? 2 : 1);

const medians = new Map<string, WrkResult>();
const throughputRows: string[][] = [];
for (const scenario of SCENARIOS) {
  const m = median(scenario);
  if (!m) continue;
  const r = m.result;
  medians.set(scenario, r);
  throughputRows.push([
    scenario,
    int(perSecond(r.requests, r)),
    int(reservationsPerSecond(r)),
    ms(r.p50Us),
    ms(r.p99Us),
    int(r.non2xx),
    int(socketErrors(r)),
    m.cpuUs.toFixed(0),
    m.all.map((x) => int(reservationsPerSecond(x))).join(' / '),
  ]);
}
console.log('Throughput (median run of each scenario)');
console.log(
  table(
    [
      'scenario',
      'req/s',
      'resv/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'sock err',
      'CPU µs/req',
      'resv/s of each run',
    ],
    throughputRows,
  ),
);

const checkRows: string[][] = [];
for (const scenario of SCENARIOS) {
  const check = lines.find((l) => l.kind === 'check' && l.scenario === scenario);
  if (check?.kind !== 'check') continue;
  const runs = runsOf(scenario);
  const wrkOk = runs.reduce((acc, l) => acc + l.result.ok, 0);
  const { db, apiReserved } = check;
  const onhand = apiReserved !== null;
  // Successes the server decided: recorded 201 responses (onhand) or reservation rows (naive).
  const decided = onhand ? db.recorded201 : db.active;
  const cutOff = decided - wrkOk;
  const problems = [
    db.reserved !== db.active && 'reserved ≠ active rows',
    onhand && apiReserved !== db.active && 'API reserved ≠ active rows',
    decided !== db.active && 'recorded 201s ≠ active rows',
    db.reserved > db.onHand && 'OVERSOLD',
    (cutOff < 0 || cutOff > connections * runs.length) && 'wrk 2xx does not match',
  ].filter((p): p is string => typeof p === 'string');
  checkRows.push([
    scenario,
    int(wrkOk),
    onhand ? int(db.recorded201) : '-',
    onhand ? int(apiReserved) : '-',
    int(db.reserved),
    int(db.active),
    int(db.onHand),
    int(cutOff),
    problems.length === 0 ? 'ok, 0 oversold' : problems.join('; '),
  ]);
}
if (checkRows.length > 0) {
  console.log('\nOversell check (all wrk runs of the scenario, warm-up included)');
  console.log(
    table(
      [
        'scenario',
        'wrk 2xx',
        'server 201s',
        'reserved (API)',
        'reserved (db)',
        'active rows',
        'on hand',
        'cut off',
        'verdict',
      ],
      checkRows,
    ),
  );
}

const bare = medians.get('bare');
const percent = (n: number | null) => (n === null ? 'n/a' : `${(n * 100).toFixed(0)} %`);
const ofBare = (r: WrkResult | undefined) =>
  r && bare ? reservationsPerSecond(r) / perSecond(bare.requests, bare) : null;
const ratioLines: string[] = [];
for (const database of ['sqlite', 'postgres']) {
  const onhand = medians.get(`onhand-${database}`);
  const coalesced = medians.get(`coalesced-${database}`);
  const naive = medians.get(`naive-${database}`);
  const ofNaive = onhand && naive ? reservationsPerSecond(onhand) / reservationsPerSecond(naive) : null;
  const verdict = (met: boolean | null) => (met === null ? 'n/a' : met ? 'met' : 'NOT met');
  const onhandOfBare = ofBare(onhand);
  if (onhand)
    ratioLines.push(
      `${database.padEnd(9)} onhand/bare = ${percent(onhandOfBare)}` +
        ` (target ≥ 80 %: ${verdict(onhandOfBare === null ? null : onhandOfBare >= 0.8)})` +
        `   onhand/naive = ${ofNaive === null ? 'n/a' : `${ofNaive.toFixed(1)}×`}` +
        ` (target ≥ 6×: ${verdict(ofNaive === null ? null : ofNaive >= 6)})`,
    );
  if (coalesced) ratioLines.push(`${database.padEnd(9)} coalesced/bare = ${percent(ofBare(coalesced))}`);
}
if (ratioLines.length > 0) {
  console.log('\nRatios (reservations/s over requests/s of bare; onhand over reservations/s of naive)');
  console.log(ratioLines.join('\n'));
}
