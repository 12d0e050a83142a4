export * from './auth';
export * from './common';
export * from './documents';
export * from './master-data';
export * from './purchasing';
export * from './receipts';
export * from './reservations';
export * from './stock';
