export * from './auth';
export * from './common';
export * from './master-data';
export * from './receipts';
export * from './reports';
export * from './reservations';
export * from './stock';
