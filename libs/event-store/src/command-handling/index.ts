export * from './handle-command';
export * from './id-source';
export * from './stream-state-cache';
