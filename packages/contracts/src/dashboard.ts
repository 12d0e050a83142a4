import { z } from 'zod';
import { businessDate, money, signedQuantity } from './common';

/** Quantity and FIFO value of stock on hand in one group. */
const stockAmount = { qty: signedQuantity, value: money.nullable() };

/** Stock of one warehouse, with its name for the chart. */
export const warehouseStock = z.object({ warehouse: z.string(), name: z.string(), ...stockAmount });
/** Stock of one category (null: items without a category). */
export const categoryStock = z.object({ category: z.string().nullable(), ...stockAmount });
/** One cell of the warehouse × category heat map. */
export const warehouseCategoryStock = z.object({
  warehouse: z.string(),
  category: z.string().nullable(),
  ...stockAmount,
});
/** Quantities that came in and went out on one business date (out is positive). */
export const dailyMovement = z.object({ date: businessDate, inQty: signedQuantity, outQty: signedQuantity });

/**
 * The figures of the dashboard, inside the caller's warehouses. Values are null for a caller
 * without `report.read`: they see quantities only.
 */
export const dashboard = z.object({
  date: businessDate.meta({ description: 'Today in the server time zone' }),
  stockValue: money.nullable(),
  onHand: signedQuantity,
  reserved: signedQuantity,
  quarantined: signedQuantity,
  inTransit: signedQuantity,
  incoming: signedQuantity,
  skusInStock: z.number().int().meta({ description: 'SKUs with stock on hand somewhere' }),
  skusOutOfStock: z
    .number()
    .int()
    .meta({ description: 'SKU × warehouse rows that have held stock and have none available now' }),
  skusBelowSafetyStock: z
    .number()
    .int()
    .meta({ description: 'SKU × warehouse rows whose available quantity is below their safety stock' }),
  todayIn: signedQuantity,
  todayOut: signedQuantity,
  byWarehouse: z.array(warehouseStock),
  byCategory: z.array(categoryStock),
  byWarehouseAndCategory: z.array(warehouseCategoryStock),
  last30Days: z.array(dailyMovement).meta({ description: 'Oldest first, ending today' }),
});
export type Dashboard = z.infer<typeof dashboard>;
