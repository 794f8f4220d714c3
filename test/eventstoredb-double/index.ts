export { startEventStoreDbDouble } from './start-eventstoredb-double';
export type { EventStoreDbDouble, EventStoreDbDoubleOptions } from './start-eventstoredb-double';
export type { ServerBehaviour } from './server-behaviour';
