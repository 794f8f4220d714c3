export * from './config/ledger-config';
export * from './config/access-config';
export * from './storage/ledger-storage';
export * from './storage/read-model-progress';
export * from './storage/recommendation-locator';
export * from './storage/private-data-dir';
export * from './storage/key-encryption-key';
export * from './storage/sqlite-subject-keys';
