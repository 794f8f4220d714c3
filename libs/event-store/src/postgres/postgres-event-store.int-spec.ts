import { describeEventStoreContract } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import { describeOnPostgres, dropSchema, uniqueSchema } from './testing/test-database';

describeOnPostgres('on PostgreSQL at DATABASE_URL', (url) => {
  describeEventStoreContract('PostgreSQL', async () => {
    const schema = uniqueSchema();
    const store = await PostgresEventStore.open(url, { schema });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await dropSchema(url, schema);
      },
    };
  });
});
