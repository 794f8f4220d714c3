export * from './event-store.port';
export * from './errors';
export * from './event-row';
export * from './eventstoredb';
export * from './sqlite';
export * from './postgres';
