import type { ApprovalRequired, PurchaseOrder, SalesOrder, Stocktake } from '@onhand/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/lists';

/** The jobs of the warehouse floor: receive against a purchase order, pick a sales order, count a stocktake. */
export type ScanJobKind = 'receive' | 'pick' | 'count';

/** A document line as the scanning screen counts against it. */
export interface ScanLine {
  /** The document's line number; 0 for a SKU that joins a stocktake while counting. */
  line: number;
  sku: string;
  itemId: string;
  /** The batch the line is of (stocktake lines per batch); null: none, or given while scanning. */
  batch: string | null;
  /** What is still expected (open to receive, left to pick, on hand); null in a blind count. */
  expected: number | null;
  /** What was received, shipped or counted before this screen. */
  done: number;
}

/** A document on the scanning screen, whatever its kind. */
export interface ScanDocument {
  id: string;
  number: string;
  status: string;
  version: number;
  warehouse: string;
  /** Who the goods come from or go to, or the count's scope, when there is one. */
  party: string | null;
  lines: ScanLine[];
  /** A stocktake of every SKU (or of one category) that SKUs scanned outside its lines may join. */
  joinable: { category: string | null } | null;
}

/** What was scanned on one line, with the batch and expiry typed for it when it needs them. */
export interface ScannedLine {
  line: ScanLine;
  qty: number;
  batch: string | undefined;
  expiresOn: string | undefined;
}

/** How a confirmation ended: the document in its new status, or waiting for a second person. */
export type ScanOutcome = { kind: 'done'; number: string; status: string } | { kind: 'approval' };

/** What a job needs: who may do it, where its documents live, how they read and how they are confirmed. */
export interface ScanJob {
  kind: ScanJobKind;
  permission: string;
  collection: string;
  /** The statuses in which the job can be done. */
  openStatuses: readonly string[];
  toScan(doc: unknown): ScanDocument;
  confirm(
    doc: ScanDocument,
    scanned: readonly ScannedLine[],
    key: string,
    mayPost: boolean,
  ): Promise<ScanOutcome>;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const optional = (value: string | undefined) => (value ? value : undefined);
const done = (d: { number: string; status: string }): ScanOutcome => ({
  kind: 'done',
  number: d.number,
  status: d.status,
});

/** A document line to scan against: what is expected of it and what was done before. */
const scanLine = (
  l: { line: number; sku: string; itemId: string; batch?: string | null },
  expected: number | null,
  done: number,
): ScanLine => ({ line: l.line, sku: l.sku, itemId: l.itemId, batch: l.batch ?? null, expected, done });

/** An order (purchase or sales) on the scanning screen: only its own lines are scanned. */
const orderToScan = (
  order: { id: string; number: string; status: string; version: number; warehouse: string },
  party: string | null,
  lines: ScanLine[],
): ScanDocument => ({ ...order, party, joinable: null, lines });

/** Acts on a document at the version read; the answer is the document in its new status. */
async function actOn(path: string, body: unknown, doc: ScanDocument, key: string): Promise<ScanOutcome> {
  return done(await api.once<{ number: string; status: string }>(path, body, key, doc.version));
}

const RECEIVE: ScanJob = {
  kind: 'receive',
  permission: 'purchase_order.receive',
  collection: '/api/v1/purchase-orders',
  openStatuses: ['approved', 'partially_received'],
  toScan(doc) {
    const po = doc as PurchaseOrder;
    return orderToScan(
      po,
      po.supplier,
      po.lines.map((l) => scanLine(l, l.openQty, l.receivedQty)),
    );
  },
  confirm(doc, scanned, key) {
    const lines = scanned.map((s) => ({
      sku: s.line.sku,
      line: s.line.line,
      qty: s.qty,
      batch: optional(s.batch),
      expiresOn: optional(s.expiresOn),
    }));
    return actOn(`${this.collection}/${doc.id}/receive`, { lines }, doc, key);
  },
};

const PICK: ScanJob = {
  kind: 'pick',
  permission: 'sales_order.ship',
  collection: '/api/v1/sales-orders',
  openStatuses: ['confirmed', 'partially_shipped'],
  toScan(doc) {
    const so = doc as SalesOrder;
    const open = (l: SalesOrder['lines'][number]) => round(l.qty - l.shippedQty - l.cancelledQty);
    return orderToScan(
      so,
      so.customer ?? so.channel,
      so.lines.map((l) => scanLine(l, open(l), l.shippedQty)),
    );
  },
  confirm(doc, scanned, key) {
    const lines = scanned.map((s) => ({ sku: s.line.sku, line: s.line.line, qty: s.qty }));
    return actOn(`${this.collection}/${doc.id}/ship`, { lines }, doc, key);
  },
};

const COUNT: ScanJob = {
  kind: 'count',
  permission: 'stocktake.count',
  collection: '/api/v1/stocktakes',
  openStatuses: ['counting'],
  toScan(doc) {
    const st = doc as Stocktake;
    const { skus, category, bin } = st.scope;
    return {
      ...st,
      party: category ?? bin,
      joinable: skus === null && bin === null ? { category } : null,
      lines: st.lines.map((l) => scanLine(l, st.blind ? null : (l.systemQty ?? l.qty), l.countedQty ?? 0)),
    };
  },
  async confirm(doc, scanned, key, mayPost) {
    const lines = scanned.map((s) => ({
      sku: s.line.sku,
      countedQty: s.qty,
      batch: optional(s.line.batch ?? s.batch),
    }));
    const path = `${this.collection}/${doc.id}`;
    const counted = await api.once<Stocktake>(`${path}/counts`, { lines }, `${key}-counts`, doc.version);
    if (!mayPost) return done(counted);
    const posted = await api.once<Stocktake | ApprovalRequired>(
      `${path}/post`,
      null,
      `${key}-post`,
      counted.version,
    );
    return 'code' in posted ? { kind: 'approval' } : done(posted);
  },
};

/** Every job, in the order the floor does them. */
export const SCAN_JOBS: readonly ScanJob[] = [RECEIVE, PICK, COUNT];

/** The job of a kind named in a path (undefined for another word). */
export const jobOf = (kind: string | undefined): ScanJob | undefined =>
  SCAN_JOBS.find((j) => j.kind === kind);

/** The documents a job can be done on now, in the person's warehouses (the API shows no others). */
export async function openDocuments(job: ScanJob): Promise<ScanDocument[]> {
  const pages = await Promise.all(
    job.openStatuses.map((status) => api.get<Page<unknown>>(job.collection, { status, limit: 100 })),
  );
  return pages
    .flatMap((p) => p.items.map((d) => job.toScan(d)))
    .sort((a, b) => a.number.localeCompare(b.number));
}

/** One document of a job, as the scanning screen reads it. */
export async function scanDocument(job: ScanJob, id: string): Promise<ScanDocument> {
  return job.toScan(await api.get<unknown>(`${job.collection}/${encodeURIComponent(id)}`));
}

/** The permissions of the jobs: any one of them opens the scanning mode. */
export const SCAN_PERMISSIONS: readonly string[] = SCAN_JOBS.map((j) => j.permission);
