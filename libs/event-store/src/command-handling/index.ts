export * from './handle-command';
export * from './id-source';
