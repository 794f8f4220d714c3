import type { EventStore } from '@blue-ledger/event-store';
import { connectLedgerStorage, loadConfig } from '@blue-ledger/runtime';
import { secondsSince } from './timing';

const PAGE = 1000;

/** The baseline of a rebuild: every event read through the store, page by page, and nothing done with it. */
export async function measurePlainRead(
  store: EventStore,
): Promise<{ events: number; seconds: number }> {
  let events = 0;
  let from: bigint | 'start' = 'start';
  const start = process.hrtime.bigint();
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
    events += page.length;
    if (page.length < PAGE) break;
    from = page[page.length - 1].globalPosition + 1n;
  }
  return { events, seconds: secondsSince(start) };
}

/** `ledger rebuild`: every read model dropped and replayed from position 0, as the CLI does it. */
export async function measureRebuild(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ events: number; seconds: number }> {
  const storage = await connectLedgerStorage(
    loadConfig({ LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }),
  );
  try {
    const start = process.hrtime.bigint();
    await storage.runner.rebuild();
    const seconds = secondsSince(start);
    return { events: Number((await storage.store.headPosition()) ?? 0n), seconds };
  } finally {
    await storage.close();
  }
}
