import { SqliteEventStore } from '@blue-ledger/event-store';
import { loadConfig, openCommandPath, openLedgerStorage } from '@blue-ledger/runtime';
import * as path from 'node:path';
import type { BenchOptions } from '../bench-options';
import { generateLedger, type GeneratedLedger } from '../generate/generate-ledger';
import type { AppendTargets } from '../measure/append-workload';
import { prepareRawTable } from '../measure/raw-inserts';
import { secondsSince } from '../measure/timing';
import { importRealData } from './import-real-data';

/** Where the simulated clock of the generated ledger starts. */
const SIMULATED_START = Date.UTC(2018, 0, 1);

const log = (message: string) => console.error(`[bench] ${message}`);

/** Real data first, then the generated ledger on top; setup only, so durability is relaxed here. */
export async function buildLedger(
  file: string,
  options: BenchOptions,
): Promise<{ imported: bigint; generated: GeneratedLedger }> {
  const storage = openLedgerStorage(
    loadConfig({ LEDGER_DATA_DIR: path.dirname(file), LOG_LEVEL: 'warn' }),
  );
  const store = storage.store;
  if (!(store instanceof SqliteEventStore) || store.db.name !== path.resolve(file)) {
    throw new Error(`the bench builds its ledger in ${file}, on the embedded store`);
  }
  try {
    store.db.pragma('synchronous = OFF');
    if ((await store.headPosition()) === null) {
      const start = process.hrtime.bigint();
      const { contributions, fatalities } = await importRealData(
        openCommandPath(storage),
        options.data,
      );
      const events = contributions.eventsAppended + fatalities.eventsAppended;
      log(`imported ${events} events of real data in ${secondsSince(start).toFixed(1)} s`);
    }
    const start = process.hrtime.bigint();
    const imported = (await store.headPosition()) ?? 0n;
    const generated = await generateLedger(store, {
      seed: options.seed,
      targetEvents: options.events,
      startMs: SIMULATED_START,
    });
    log(
      `generated ${generated.eventsWritten} events in ${generated.stories} stories ` +
        `(${generated.refused} refused) in ${secondsSince(start).toFixed(1)} s`,
    );
    const copying = process.hrtime.bigint();
    prepareRawTable(store.db);
    log(`copied the events for the raw-insert baseline in ${secondsSince(copying).toFixed(1)} s`);
    return { imported, generated };
  } finally {
    await storage.close();
  }
}

export function appendTargets(generated: GeneratedLedger): AppendTargets {
  const missions = new Map<string, string>();
  for (const contingent of generated.samples.contingents)
    missions.set(contingent.missionCode, contingent.id);
  return {
    missions: [...missions].map(([code, contingentId]) => ({ code, contingentId })),
    openInvestigations: generated.samples.openInvestigations,
  };
}
