import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@blue-ledger/runtime';
import { startProjector } from '../../../apps/projector/src/projector';
import { startEventStoreDbDouble, type EventStoreDbDouble } from '../../eventstoredb-double';
import type { RunningApp } from '../../support/in-process-app';
import { normaliseExchanges } from './normalise-exchanges';
import { RecordingLedgerClient, type Exchange } from './recording-client';

const IN_PROCESS_APP = path.resolve(__dirname, '../../support/in-process-app');
type InProcessApp = typeof import('../../support/in-process-app');

/** Where a story's app keeps its events, and who writes its read models. */
type Deployment =
  | 'sqlite'
  | 'eventstoredb'
  /** The API with `LEDGER_PROJECTIONS=external`, a projector writing its read models. */
  | 'eventstoredb with a projector';

interface Run {
  deployment: Deployment;
  exchanges: Exchange[];
  startedAt: number;
  doubles: EventStoreDbDouble[];
  projectorFailures: Error[];
  /** Who wrote the read models, by each app's own `/health`. */
  projections: string[];
}

let runBeingCollected: Run | undefined;

// Loaded once, outside the isolated story modules: the app's decorators register their
// metadata in process-wide stores, which a second copy of the app would confuse.
const actual = jest.requireActual(IN_PROCESS_APP) as InProcessApp;

/** The story's `startApp`, deployed as the run being collected says; its client records. */
jest.doMock(IN_PROCESS_APP, () => {
  const run = runBeingCollected as Run;
  return {
    ...actual,
    startApp: async (env: Record<string, string> = {}): Promise<RunningApp> => {
      run.startedAt = Math.min(run.startedAt, Date.now());
      if (run.deployment === 'sqlite') return recording(await actual.startApp(env), run);
      const double = await startEventStoreDbDouble();
      run.doubles.push(double);
      const onEventStoreDb = { LEDGER_STORE: 'eventstoredb', EVENTSTORE_URL: double.url };
      if (run.deployment === 'eventstoredb') {
        const running = await actual.startApp({ ...env, ...onEventStoreDb });
        return recording(running, run, () => double.stop());
      }
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
      const projector = startProjector(
        loadConfig({ ...onEventStoreDb, LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
        { info: () => undefined, error: () => undefined },
        (error) => run.projectorFailures.push(error),
      );
      const running = await actual.startApp({
        ...env,
        ...onEventStoreDb,
        LEDGER_DATA_DIR: dataDir,
        LEDGER_PROJECTIONS: 'external',
      });
      return recording(running, run, async () => {
        await projector.stop();
        await double.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      });
    },
  };
});

async function recording(
  running: RunningApp,
  run: Run,
  after?: () => Promise<void>,
): Promise<RunningApp> {
  const health = await running.client.get<{ readModels: { projections: string } }>('/health');
  run.projections.push(health.body.readModels.projections);
  const readYourWrites = run.deployment === 'eventstoredb with a projector';
  return {
    ...running,
    client: new RecordingLedgerClient(running.client.baseUrl, run.exchanges, { readYourWrites }),
    async close() {
      await running.close();
      await after?.();
    },
  };
}

function collectStory(storyFile: string, deployment: Deployment): Run {
  const run: Run = {
    deployment,
    exchanges: [],
    startedAt: Infinity,
    doubles: [],
    projectorFailures: [],
    projections: [],
  };
  runBeingCollected = run;
  jest.isolateModules(() => jest.requireActual(storyFile));
  return run;
}

/**
 * Runs an end-to-end story file unchanged on SQLite, on EventStoreDB (the gRPC test double),
 * and on EventStoreDB with the read models in a projector (its client waiting on `/health`
 * after each write), each time with all of the story's own expectations; then compares every
 * answer the apps gave, request by request, ids, positions, hashes and recording instants
 * set aside.
 */
export function runStoryOnEachDeployment(storyFile: string): void {
  const runs = new Map<Deployment, Run>();
  describe('on SQLite (the embedded store)', () => {
    runs.set('sqlite', collectStory(storyFile, 'sqlite'));
  });
  describe('on EventStoreDB (the gRPC test double)', () => {
    runs.set('eventstoredb', collectStory(storyFile, 'eventstoredb'));
  });
  describe('on EventStoreDB, with the read models in a projector (LEDGER_PROJECTIONS=external)', () => {
    runs.set(
      'eventstoredb with a projector',
      collectStory(storyFile, 'eventstoredb with a projector'),
    );
  });

  describe('on each deployment', () => {
    const run = (deployment: Deployment) => runs.get(deployment) as Run;

    it('ran the read models in the app, or in the projector for the last', () => {
      expect(run('sqlite').projections).toEqual(['in-process']);
      expect(run('eventstoredb').projections).toEqual(['in-process']);
      expect(run('eventstoredb with a projector').projections).toEqual(['external']);
    });

    it('wrote the EventStoreDB runs to the double, and the projector never failed', () => {
      for (const deployment of ['eventstoredb', 'eventstoredb with a projector'] as const) {
        const written = run(deployment).doubles.flatMap((double) =>
          double.log.all.filter((event) => !event.streamId.startsWith('$')),
        );
        expect({ deployment, wrote: written.length > 0 }).toEqual({ deployment, wrote: true });
      }
      expect(run('eventstoredb with a projector').projectorFailures).toEqual([]);
    });

    it.each(['eventstoredb', 'eventstoredb with a projector'] as const)(
      'got the same answer to every request on %s as on SQLite, timelines and histories included',
      (deployment) => {
        const sqlite = run('sqlite');
        const other = run(deployment);
        expect(sqlite.exchanges.length).toBeGreaterThan(0);
        expect(other.exchanges.length).toBe(sqlite.exchanges.length);
        expect(normaliseExchanges(other.exchanges, other.startedAt)).toEqual(
          normaliseExchanges(sqlite.exchanges, sqlite.startedAt),
        );
      },
    );
  });
}
