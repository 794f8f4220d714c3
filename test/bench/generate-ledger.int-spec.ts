import type { SqliteEventStore } from '@blue-ledger/event-store';
import { loadConfig, openCommandPath, openLedgerStorage } from '@blue-ledger/runtime';
import { verifyChains } from '@blue-ledger/integrity';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importIpiContributions } from '../../apps/cli/src/import/ipi-contributions/import-ipi-contributions';
import { SAMPLES } from '../../apps/cli/src/import/testing/temporary-ledger';
import { importUnFatalities } from '../../apps/cli/src/import/un-fatalities/import-un-fatalities';
import { generateLedger } from '../../bench/generate/generate-ledger';

const START = Date.UTC(2018, 0, 1);

/** The bench's generator, on the importers' samples: the ledger it writes must be a valid one. */
describe('The bench ledger generator', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function generate(name: string, seed: number) {
    const storage = openLedgerStorage(loadConfig({ LEDGER_DATA_DIR: path.join(dir, name) }));
    const store = storage.store as SqliteEventStore;
    store.db.pragma('synchronous = OFF');
    const commandPath = openCommandPath(storage);
    await importIpiContributions(commandPath, SAMPLES.ipiContributions);
    await importUnFatalities(commandPath, SAMPLES.unFatalities);
    const generated = await generateLedger(store, { seed, targetEvents: 3000, startMs: START });
    const events = await store.readAll();
    await storage.close();
    return { generated, events };
  }

  it('tells stories no decider refuses, until the ledger holds about the size asked for', async () => {
    const { generated, events } = await generate('a', 7);

    expect(generated.refused).toBe(0);
    expect(events.length).toBeGreaterThanOrEqual(3000);
    // The stories under way when the size is reached are told to their end.
    expect(events.length).toBeLessThan(4500);
    const types = new Set(events.map((event) => event.type));
    for (const type of [
      'IncidentReported',
      'InvestigationOpened',
      'EvidenceLogged',
      'FindingRecorded',
      'UnitNamed',
      'RecommendationIssued',
      'TccNotified',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('writes properly chained events, and the same events from the same seed', async () => {
    const first = await generate('a', 7);
    const second = await generate('b', 7);
    const other = await generate('c', 8);

    expect(verifyChains(first.events)).toMatchObject({ ok: true });
    // The imported events carry the import's own clock, so hashes differ; what was generated may not.
    const generated = (run: typeof first) =>
      run.events
        .filter((e) => e.actor.id !== 'importer')
        .map(({ eventId, streamId, streamRevision, type, data, recordedAt, occurredAt }) =>
          JSON.stringify({
            eventId,
            streamId,
            streamRevision: Number(streamRevision),
            type,
            data,
            recordedAt,
            occurredAt,
          }),
        );
    expect(generated(second)).toEqual(generated(first));
    expect(generated(other)).not.toEqual(generated(first));
  });

  it('keeps samples for the measurements: incidents with a moment to ask about, open investigations', async () => {
    const { generated } = await generate('a', 7);

    expect(generated.samples.incidents.length).toBeGreaterThan(0);
    expect(generated.samples.incidents.every((i) => !Number.isNaN(Date.parse(i.asOf)))).toBe(true);
    expect(generated.samples.openInvestigations.length).toBeGreaterThan(0);
    expect(generated.samples.contingents).toHaveLength(6);
  });
});
