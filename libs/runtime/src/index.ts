export * from './config/ledger-config';
export * from './config/access-config';
export * from './storage/ledger-storage';
export * from './storage/read-model-progress';
export * from './storage/recommendation-locator';
