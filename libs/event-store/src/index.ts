export * from './event-store.port';
export * from './errors';
export * from './eventstoredb';
export * from './sqlite';
export * from './postgres';
