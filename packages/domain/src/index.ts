export * from './calendar';
export * from './decimal';
export * from './document-states';
export * from './fifo';
