import type { CommandPath } from '@blue-ledger/command-handling';
import type { EventStore, RecordedEvent } from '@blue-ledger/event-store';
import { loadConfig, openCommandPath, openLedgerStorage } from '@blue-ledger/runtime';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SAMPLES = {
  ipiContributions: path.join(__dirname, 'ipi-contributions-sample.csv'),
  unFatalities: path.join(__dirname, 'un-fatalities-sample.csv'),
  geoPko: path.join(__dirname, 'geo-pko-sample.csv'),
};

/**
 * A real ledger (SQLite file, subject keys, read models) in a temporary directory, opened as
 * `ledger import` opens it, with its write path; removed by `close`.
 */
export function temporaryLedger(): {
  dir: string;
  store: EventStore;
  path: CommandPath;
  all(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
  const storage = openLedgerStorage(loadConfig({ LEDGER_DATA_DIR: dir }));
  return {
    dir,
    store: storage.store,
    path: openCommandPath(storage),
    all: () => storage.store.readAll(),
    async close() {
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ofType = (events: RecordedEvent[], type: string) =>
  events.filter((event) => event.type === type);
