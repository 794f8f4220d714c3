export {
  EventStoreClosedError,
  SqliteEventStore,
  type SqliteEventStoreOptions,
} from './sqlite-event-store';
export { EVENT_SCHEMA_VERSION, migrateEventSchema } from './sqlite-schema';
