import * as path from 'node:path';
import { startEventStoreDbDouble, type EventStoreDbDouble } from '../../eventstoredb-double';
import type { RunningApp } from '../../support/in-process-app';
import { normaliseExchanges } from './normalise-exchanges';
import { RecordingLedgerClient, type Exchange } from './recording-client';

const IN_PROCESS_APP = path.resolve(__dirname, '../../support/in-process-app');
type InProcessApp = typeof import('../../support/in-process-app');
type Store = 'sqlite' | 'eventstoredb';

interface Run {
  store: Store;
  exchanges: Exchange[];
  startedAt: number;
  doubles: EventStoreDbDouble[];
}

let storeOfNextStory: Run | undefined;

/**
 * The story's `startApp`, on the store of the run being collected: with `eventstoredb`, each
 * app gets a test double of its own. The client records every request and answer.
 */
// Loaded once, outside the isolated story modules: the app's decorators register their
// metadata in process-wide stores, which a second copy of the app would confuse.
const actual = jest.requireActual(IN_PROCESS_APP) as InProcessApp;

jest.doMock(IN_PROCESS_APP, () => {
  const run = storeOfNextStory as Run;
  return {
    ...actual,
    startApp: async (env: Record<string, string> = {}): Promise<RunningApp> => {
      run.startedAt = Math.min(run.startedAt, Date.now());
      let double: EventStoreDbDouble | undefined;
      if (run.store === 'eventstoredb') {
        double = await startEventStoreDbDouble();
        run.doubles.push(double);
      }
      const running = await actual.startApp({
        ...env,
        LEDGER_STORE: run.store,
        ...(double && { EVENTSTORE_URL: double.url }),
      });
      return {
        ...running,
        client: new RecordingLedgerClient(running.client.baseUrl, run.exchanges),
        async close() {
          await running.close();
          await double?.stop();
        },
      };
    },
  };
});

function collectStory(storyFile: string, store: Store): Run {
  const run: Run = { store, exchanges: [], startedAt: Infinity, doubles: [] };
  storeOfNextStory = run;
  jest.isolateModules(() => jest.requireActual(storyFile));
  return run;
}

/**
 * Runs an end-to-end story file unchanged on SQLite, then on EventStoreDB (the gRPC test
 * double), each with all of its own expectations; then compares every answer the two apps
 * gave, request by request, with ids, positions, hashes and recording instants set aside.
 */
export function runStoryOnBothStores(storyFile: string): void {
  let sqlite: Run | undefined;
  let eventStoreDb: Run | undefined;
  describe('on SQLite (the embedded store)', () => {
    sqlite = collectStory(storyFile, 'sqlite');
  });
  describe('on EventStoreDB (the gRPC test double)', () => {
    eventStoreDb = collectStory(storyFile, 'eventstoredb');
  });
  describe('on both stores', () => {
    it('wrote the EventStoreDB run to the double', () => {
      const written = (eventStoreDb as Run).doubles.flatMap((double) =>
        double.log.all.filter((event) => !event.streamId.startsWith('$')),
      );
      expect(written.length).toBeGreaterThan(0);
    });

    it('got the same answer to every request, timelines and histories included', () => {
      const a = sqlite as Run;
      const b = eventStoreDb as Run;
      expect(a.exchanges.length).toBeGreaterThan(0);
      expect(b.exchanges.length).toBe(a.exchanges.length);
      expect(normaliseExchanges(b.exchanges, b.startedAt)).toEqual(
        normaliseExchanges(a.exchanges, a.startedAt),
      );
    });
  });
}
