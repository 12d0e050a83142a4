import {
  type ActionSpec,
  type Field,
  type FieldName,
  field,
  type KindSpec,
  type LineInput,
  type LinesAction,
  type LineView,
} from './document-kind';

const num = (line: LineView, name: string): number => Number(line[name] ?? 0);
/** A request's line that names the document line it acts on. */
const orderLine = (line: LineView) => ({ sku: line.sku, line: line.line });

const reason = (name: string, permission: string, danger = false): ActionSpec => ({
  name,
  permission,
  input: { kind: 'reason', required: false },
  danger,
});
const plain = (name: string, permission: string): ActionSpec => ({
  name,
  permission,
  input: { kind: 'none' },
});
/** Changing a draft in its create form: its lines and the head inputs named. */
const edit = (permission: string, head: readonly FieldName[]): ActionSpec => ({
  name: 'edit',
  permission,
  input: { kind: 'edit', head },
});

/** Quantities per line up to what is still open: receive, ship. */
function openLines(open: string, extras: readonly LineInput[] = []): LinesAction {
  return {
    quantity: 'qty',
    start: (line) => num(line, open),
    most: (line) => num(line, open),
    extras,
    bodyLine: orderLine,
  };
}

const LOTS: readonly LineInput[] = [
  { name: 'batch', control: 'batch' },
  { name: 'expiresOn', control: 'expiry' },
  { name: 'bin', control: 'text' },
];

const WAREHOUSE = field('warehouse');
const REFERENCE = field('reference');
const TOTAL_QTY = field('totalQty', 'qty');
const TOTAL_VALUE = field('totalValue', 'money');
const NOTE = field('note');
const QTY = field('qty', 'qty');
const BATCH = field('batch');
const REASON = field('reason');
const VALUE = field('value', 'money');

const HEAD_NOTES = [
  { name: 'reference', control: 'text' },
  { name: 'note', control: 'text' },
] as const;
const DOCUMENT_FILTERS = ['q', 'status', 'warehouse', 'sku', 'period'] as const;
const POSTING = ['draft', 'posted', 'cancelled'] as const;
const COMMON_HEAD: readonly Field[] = [
  REFERENCE,
  NOTE,
  field('createdBy', 'user'),
  field('createdAt', 'time'),
];

const PURCHASE_ORDER: KindSpec = {
  kind: 'purchase_order',
  collection: '/api/v1/purchase-orders',
  read: 'document.read',
  statuses: [
    'draft',
    'pending_approval',
    'approved',
    'rejected',
    'partially_received',
    'received',
    'closed',
    'cancelled',
  ],
  filters: [...DOCUMENT_FILTERS, 'supplier'],
  columns: [field('supplier'), WAREHOUSE, TOTAL_QTY, TOTAL_VALUE],
  head: [field('supplier'), WAREHOUSE, field('expectedOn'), TOTAL_QTY, TOTAL_VALUE, ...COMMON_HEAD],
  lines: [
    QTY,
    field('unitCost', 'money'),
    VALUE,
    field('receivedQty', 'qty'),
    field('openQty', 'qty'),
    field('closedQty', 'qty'),
  ],
  create: {
    permission: 'purchase_order.manage',
    head: [
      { name: 'supplier', control: 'supplier', required: true },
      { name: 'warehouse', control: 'warehouse', required: true },
      { name: 'expectedOn', control: 'date' },
      ...HEAD_NOTES,
    ],
    lines: [
      { name: 'qty', control: 'qty', required: true },
      { name: 'unitCost', control: 'money', required: true },
    ],
    quickFill: { path: '/quick-fill', head: ['supplier', 'warehouse'] },
  },
  actions: [
    edit('purchase_order.manage', ['supplier', 'warehouse', 'expectedOn', 'reference', 'note']),
    plain('submit', 'purchase_order.manage'),
    plain('approve', 'purchase_order.approve'),
    reason('reject', 'purchase_order.approve', true),
    {
      name: 'receive',
      permission: 'purchase_order.receive',
      input: { kind: 'lines', lines: openLines('openQty', LOTS) },
    },
    reason('close', 'purchase_order.manage'),
    reason('cancel', 'purchase_order.manage', true),
  ],
};

const PURCHASE_RETURN: KindSpec = {
  kind: 'purchase_return',
  collection: '/api/v1/purchase-returns',
  read: 'document.read',
  statuses: POSTING,
  filters: [...DOCUMENT_FILTERS, 'supplier'],
  columns: [field('supplier'), WAREHOUSE, TOTAL_QTY, TOTAL_VALUE],
  head: [
    field('supplier'),
    WAREHOUSE,
    field('purchaseOrderId', 'purchaseOrder'),
    TOTAL_QTY,
    TOTAL_VALUE,
    ...COMMON_HEAD,
  ],
  lines: [QTY, BATCH, REASON, VALUE],
  create: {
    permission: 'purchase_return.manage',
    head: [
      { name: 'supplier', control: 'supplier', required: true },
      { name: 'warehouse', control: 'warehouse', required: true },
      ...HEAD_NOTES,
    ],
    lines: [
      { name: 'qty', control: 'qty', required: true },
      { name: 'batch', control: 'batch' },
      { name: 'reason', control: 'text' },
    ],
  },
  actions: [
    edit('purchase_return.manage', ['reference', 'note']),
    plain('post', 'purchase_return.manage'),
    reason('cancel', 'purchase_return.manage', true),
  ],
};

const SALES_ORDER: KindSpec = {
  kind: 'sales_order',
  collection: '/api/v1/sales-orders',
  read: 'document.read',
  statuses: ['confirmed', 'partially_shipped', 'shipped', 'cancelled'],
  filters: [...DOCUMENT_FILTERS, 'customer', 'channel'],
  columns: [field('customer'), field('channel'), WAREHOUSE, TOTAL_QTY, TOTAL_VALUE],
  head: [
    field('customer'),
    field('channel'),
    WAREHOUSE,
    TOTAL_QTY,
    TOTAL_VALUE,
    field('cogs', 'money'),
    ...COMMON_HEAD,
  ],
  lines: [
    QTY,
    field('unitPrice', 'money'),
    VALUE,
    field('reservedQty', 'qty'),
    field('shippedQty', 'qty'),
    field('cancelledQty', 'qty'),
    field('returnedQty', 'qty'),
  ],
  create: {
    permission: 'sales_order.manage',
    head: [
      { name: 'customer', control: 'customer' },
      { name: 'channel', control: 'text' },
      { name: 'warehouse', control: 'warehouse' },
      ...HEAD_NOTES,
    ],
    lines: [
      { name: 'qty', control: 'qty', required: true },
      { name: 'unitPrice', control: 'money', required: true },
    ],
  },
  actions: [
    {
      name: 'ship',
      permission: 'sales_order.ship',
      input: { kind: 'lines', lines: openLines('reservedQty') },
    },
    {
      name: 'return',
      path: 'returns',
      permission: 'sales_return.post',
      input: {
        kind: 'lines',
        lines: {
          quantity: 'qty',
          start: () => null,
          most: (line) => num(line, 'shippedQty') - num(line, 'returnedQty'),
          extras: [
            { name: 'disposition', control: 'disposition', required: true },
            { name: 'reason', control: 'text', required: true },
          ],
          bodyLine: orderLine,
        },
      },
    },
    reason('cancel', 'sales_order.manage', true),
  ],
};

const SALES_RETURN: KindSpec = {
  kind: 'sales_return',
  collection: '/api/v1/sales-returns',
  read: 'document.read',
  statuses: ['posted'],
  filters: ['q', 'warehouse', 'sku', 'period'],
  columns: [field('customer'), WAREHOUSE, TOTAL_QTY, TOTAL_VALUE],
  head: [
    field('salesOrderId', 'salesOrder'),
    field('customer'),
    WAREHOUSE,
    field('exchangeOrderId', 'salesOrder'),
    TOTAL_QTY,
    TOTAL_VALUE,
    ...COMMON_HEAD,
  ],
  lines: [QTY, field('orderLine'), field('disposition', 'disposition'), REASON, VALUE],
  actions: [],
};

const TRANSFER: KindSpec = {
  kind: 'transfer',
  collection: '/api/v1/transfers',
  read: 'document.read',
  statuses: ['draft', 'confirmed', 'shipped', 'partially_received', 'received', 'closed', 'cancelled'],
  filters: DOCUMENT_FILTERS,
  columns: [field('from'), field('to'), TOTAL_QTY],
  head: [field('from'), field('to'), TOTAL_QTY, field('value', 'money'), REASON, ...COMMON_HEAD],
  lines: [
    QTY,
    field('reservedQty', 'qty'),
    field('shippedQty', 'qty'),
    field('inTransitQty', 'qty'),
    field('receivedQty', 'qty'),
    field('lostQty', 'qty'),
  ],
  create: {
    permission: 'transfer.manage',
    head: [
      { name: 'from', control: 'warehouse', required: true },
      { name: 'to', control: 'warehouse', required: true },
      ...HEAD_NOTES,
    ],
    lines: [{ name: 'qty', control: 'qty', required: true }],
  },
  actions: [
    edit('transfer.manage', ['from', 'to', 'reference', 'note']),
    plain('confirm', 'transfer.manage'),
    plain('ship', 'transfer.manage'),
    {
      name: 'receive',
      permission: 'transfer.manage',
      input: { kind: 'lines', lines: openLines('inTransitQty') },
    },
    { name: 'close', permission: 'transfer.manage', input: { kind: 'reason', required: true } },
    reason('cancel', 'transfer.manage', true),
  ],
};

const STOCKTAKE: KindSpec = {
  kind: 'stocktake',
  collection: '/api/v1/stocktakes',
  read: 'document.read',
  statuses: ['counting', 'posted', 'cancelled'],
  filters: DOCUMENT_FILTERS,
  columns: [WAREHOUSE, field('countedLines', 'qty'), field('totalVarianceQty', 'qty')],
  head: [
    WAREHOUSE,
    field('blind', 'flag'),
    field('countedLines', 'qty'),
    field('uncountedLines', 'qty'),
    field('totalVarianceQty', 'qty'),
    TOTAL_VALUE,
    ...COMMON_HEAD,
  ],
  lines: [
    BATCH,
    field('systemQty', 'qty'),
    field('countedQty', 'qty'),
    field('varianceQty', 'qty'),
    field('value', 'money'),
    REASON,
  ],
  create: {
    permission: 'stocktake.count',
    head: [
      { name: 'warehouse', control: 'warehouse', required: true },
      { name: 'category', control: 'text' },
      { name: 'blind', control: 'flag' },
      ...HEAD_NOTES,
    ],
    lines: [],
    body: ({ lines = [], ...head }) => ({
      ...head,
      ...(lines.length > 0 ? { skus: lines.map((l) => l.sku) } : {}),
    }),
  },
  actions: [
    {
      name: 'count',
      path: 'counts',
      permission: 'stocktake.count',
      input: {
        kind: 'lines',
        lines: {
          quantity: 'countedQty',
          start: () => null,
          most: () => null,
          zeroCounts: true,
          extras: [{ name: 'reason', control: 'text' }],
          bodyLine: (line) => ({ sku: line.sku, ...(line.batch ? { batch: line.batch } : {}) }),
        },
      },
    },
    { name: 'post', permission: 'stocktake.post', input: { kind: 'variances' } },
    reason('cancel', 'stocktake.count', true),
  ],
};

const WRITE_OFF: KindSpec = {
  kind: 'write_off',
  collection: '/api/v1/write-offs',
  read: 'document.read',
  statuses: POSTING,
  filters: DOCUMENT_FILTERS,
  columns: [WAREHOUSE, TOTAL_QTY, TOTAL_VALUE],
  head: [WAREHOUSE, TOTAL_QTY, TOTAL_VALUE, ...COMMON_HEAD],
  lines: [QTY, field('reason', 'writeOffReason'), BATCH, field('unitCost', 'money'), VALUE, NOTE],
  create: {
    permission: 'write_off.request',
    head: [{ name: 'warehouse', control: 'warehouse', required: true }, ...HEAD_NOTES],
    lines: [
      { name: 'qty', control: 'qty', required: true },
      { name: 'reason', control: 'writeOffReason', required: true },
      { name: 'batch', control: 'batch' },
      { name: 'note', control: 'text' },
    ],
  },
  actions: [
    edit('write_off.request', ['warehouse', 'reference', 'note']),
    plain('post', 'write_off.post'),
    reason('cancel', 'write_off.request', true),
  ],
};

const RECEIPT: KindSpec = {
  kind: 'receipt',
  collection: '/api/v1/receipts',
  read: 'stock.read',
  statuses: [],
  filters: ['warehouse', 'sku', 'period'],
  columns: [WAREHOUSE, REFERENCE, TOTAL_QTY, TOTAL_VALUE],
  head: [WAREHOUSE, TOTAL_QTY, TOTAL_VALUE, ...COMMON_HEAD],
  lines: [QTY, field('unitCost', 'money'), VALUE, BATCH, field('expiresOn'), field('bin')],
  create: {
    permission: 'receipt.post',
    head: [{ name: 'warehouse', control: 'warehouse', required: true }, ...HEAD_NOTES],
    lines: [
      { name: 'qty', control: 'qty', required: true },
      { name: 'unitCost', control: 'money', required: true },
      ...LOTS,
    ],
  },
  actions: [],
};

/** Every kind of document, in menu order. */
export const KINDS: readonly KindSpec[] = [
  PURCHASE_ORDER,
  RECEIPT,
  PURCHASE_RETURN,
  SALES_ORDER,
  SALES_RETURN,
  TRANSFER,
  STOCKTAKE,
  WRITE_OFF,
];

/** The description of a kind named in a path (undefined for a name that is none). */
export const kindOf = (name: string): KindSpec | undefined => KINDS.find((k) => k.kind === name);
