import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('sqlite', async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
  const store = SqliteEventStore.open(path.join(directory, 'events.sqlite'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
});
