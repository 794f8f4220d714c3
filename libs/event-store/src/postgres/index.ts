export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
export { EVENT_MIGRATIONS } from './event-schema';
export {
  openMigratedSchema,
  runMigrations,
  type Migration,
  type MigrationRun,
} from './schema-migrations';
export { quotedSchema } from './sql-names';
export { isConnectionFailure } from './connection';
