import { SqliteEventStore, type RecordedEvent } from '@blue-ledger/event-store';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SAMPLES = {
  ipiContributions: path.join(__dirname, 'ipi-contributions-sample.csv'),
  unFatalities: path.join(__dirname, 'un-fatalities-sample.csv'),
};

/** A real SQLite event store in a temporary directory, removed by `close`. */
export function temporaryLedger(): {
  dir: string;
  store: SqliteEventStore;
  all(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
  const store = SqliteEventStore.open(path.join(dir, 'ledger.sqlite'));
  return {
    dir,
    store,
    all: () => store.readAll(),
    async close() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ofType = (events: RecordedEvent[], type: string) =>
  events.filter((event) => event.type === type);
