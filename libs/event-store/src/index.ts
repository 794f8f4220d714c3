export * from './event-store.port';
export * from './errors';
export * from './command-handling';
export * from './eventstoredb';
export * from './sqlite';
