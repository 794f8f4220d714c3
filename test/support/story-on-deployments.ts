import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normaliseExchanges } from '../eventstoredb/support/normalise-exchanges';
import { RecordingLedgerClient, type Exchange } from '../eventstoredb/support/recording-client';
import type { RunningApp } from './in-process-app';

const IN_PROCESS_APP = path.resolve(__dirname, 'in-process-app');
export type InProcessApp = typeof import('./in-process-app');

/** One run of a story file on one deployment: every request and answer, and who projected. */
export interface StoryRun {
  deployment: string;
  exchanges: Exchange[];
  startedAt: number;
  projectorFailures: Error[];
  /** Who wrote the read models, by each app's own `/health`. */
  projections: string[];
}

/** Where a story's app keeps its events, and who writes its read models. */
export interface StoryDeployment {
  name: string;
  /** What the story's describe is called on it. */
  title: string;
  /** `in-process`, or `external` for the API with `LEDGER_PROJECTIONS=external` and a projector. */
  projections: 'in-process' | 'external';
  /** The story's app on this deployment, and what to stop once it has closed. */
  start(
    env: Record<string, string>,
    run: StoryRun,
    app: InProcessApp,
  ): Promise<{ running: RunningApp; after?: () => Promise<void> }>;
}

/** The embedded store: what every other deployment's answers are compared with. */
export const ON_SQLITE: StoryDeployment = {
  name: 'sqlite',
  title: 'on SQLite (the embedded store)',
  projections: 'in-process',
  start: async (env, _run, app) => ({ running: await app.startApp(env) }),
};

/**
 * The API with `LEDGER_PROJECTIONS=external` on the store of `storeEnv`, and beside it the
 * projector that `startTheProjector` starts on the same data directory (where the read models
 * are). Once the app has closed: the projector stops, `release` frees the store, the data
 * directory goes.
 */
export async function appWithAProjector(
  app: InProcessApp,
  env: Record<string, string>,
  storeEnv: Record<string, string>,
  startTheProjector: (dataDir: string) => Promise<{ stop(): Promise<unknown> }>,
  release: () => Promise<void>,
): Promise<{ running: RunningApp; after: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
  const projector = await startTheProjector(dataDir);
  const running = await app.startApp({
    ...env,
    ...storeEnv,
    LEDGER_DATA_DIR: dataDir,
    LEDGER_PROJECTIONS: 'external',
  });
  return {
    running,
    after: async () => {
      await projector.stop();
      await release();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let runBeingCollected: { run: StoryRun; deployment: StoryDeployment } | undefined;

// Loaded once, outside the isolated story modules: the app's decorators register their
// metadata in process-wide stores, which a second copy of the app would confuse.
const actual = jest.requireActual(IN_PROCESS_APP) as InProcessApp;

/** The story's `startApp`, deployed as the run being collected says; its client records. */
jest.doMock(IN_PROCESS_APP, () => {
  const { run, deployment } = runBeingCollected!;
  return {
    ...actual,
    startApp: async (env: Record<string, string> = {}): Promise<RunningApp> => {
      run.startedAt = Math.min(run.startedAt, Date.now());
      const { running, after } = await deployment.start(env, run, actual);
      const health = await running.client.get<{ readModels: { projections: string } }>('/health');
      run.projections.push(health.body.readModels.projections);
      return {
        ...running,
        client: new RecordingLedgerClient(running.client.baseUrl, run.exchanges, {
          readYourWrites: deployment.projections === 'external',
        }),
        async close() {
          await running.close();
          await after?.();
        },
      };
    },
  };
});

function collectStory(storyFile: string, deployment: StoryDeployment): StoryRun {
  const run: StoryRun = {
    deployment: deployment.name,
    exchanges: [],
    startedAt: Infinity,
    projectorFailures: [],
    projections: [],
  };
  runBeingCollected = { run, deployment };
  jest.isolateModules(() => jest.requireActual(storyFile));
  return run;
}

/**
 * Runs an end-to-end story file unchanged on SQLite and on each of `others`, each time with all
 * of the story's own expectations; then checks that each wrote its read models where it says,
 * that no projector failed, and compares every answer the apps gave with SQLite's, request by
 * request, ids, positions, hashes and recording instants set aside. `checks` adds what only
 * those deployments can tell (what they wrote to their store).
 */
export function runStoryOnDeployments(
  storyFile: string,
  others: StoryDeployment[],
  checks: (run: (deployment: string) => StoryRun) => void = () => undefined,
): void {
  const runs = new Map<string, StoryRun>();
  for (const deployment of [ON_SQLITE, ...others]) {
    describe(deployment.title, () => {
      runs.set(deployment.name, collectStory(storyFile, deployment));
    });
  }

  describe('on each deployment', () => {
    const run = (deployment: string) => runs.get(deployment) as StoryRun;

    it('ran the read models in the app, or in the projector', () => {
      for (const deployment of [ON_SQLITE, ...others]) {
        const { projections } = run(deployment.name);
        expect(projections.length).toBeGreaterThan(0);
        expect({ deployment: deployment.name, projections }).toEqual({
          deployment: deployment.name,
          projections: projections.map(() => deployment.projections),
        });
      }
    });

    it('had no projector fail', () => {
      for (const deployment of others) expect(run(deployment.name).projectorFailures).toEqual([]);
    });

    checks(run);

    it.each(others.map((deployment) => deployment.name))(
      'got the same answer to every request on %s as on SQLite, timelines and histories included',
      (deployment) => {
        const sqlite = run(ON_SQLITE.name);
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
