import { SqliteEventStore } from '@blue-ledger/event-store';
import { loadConfig, openCommandPath, openLedgerStorage } from '@blue-ledger/runtime';
import * as fs from 'node:fs';
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

/** What the setup wrote, kept beside the ledger so that `--dir` can measure it again. */
const BUILT = 'bench-ledger.json';

export interface BuiltLedger {
  imported: bigint;
  generated: GeneratedLedger;
  /** Built by an earlier run in the same `--dir` (and grown by its measurements since). */
  reused: boolean;
}

/**
 * Real data first, then the generated ledger on top; setup only, so durability is relaxed here.
 * A directory that holds a ledger an earlier run built (`--dir`, `--keep`) is measured again
 * as it is, with the samples that run drew.
 */
export async function buildLedger(file: string, options: BenchOptions): Promise<BuiltLedger> {
  const built = path.join(path.dirname(file), BUILT);
  if (fs.existsSync(built)) {
    const saved = JSON.parse(fs.readFileSync(built, 'utf8')) as {
      imported: string;
      generated: GeneratedLedger;
    };
    log(`measuring again the ledger built in ${path.dirname(file)}`);
    return { imported: BigInt(saved.imported), generated: saved.generated, reused: true };
  }
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
    fs.writeFileSync(built, JSON.stringify({ imported: String(imported), generated }));
    return { imported, generated, reused: false };
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
