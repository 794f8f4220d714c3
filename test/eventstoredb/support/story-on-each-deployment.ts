import { loadConfig } from '@blue-ledger/runtime';
import { startProjector } from '../../../apps/projector/src/projector';
import { startEventStoreDbDouble, type EventStoreDbDouble } from '../../eventstoredb-double';
import {
  appWithAProjector,
  runStoryOnDeployments,
  type StoryDeployment,
} from '../../support/story-on-deployments';

/** The doubles each deployment's apps wrote to, by deployment. */
const doubles = new Map<string, EventStoreDbDouble[]>();

async function onADouble(name: string) {
  const double = await startEventStoreDbDouble();
  doubles.set(name, [...(doubles.get(name) ?? []), double]);
  return { double, env: { LEDGER_STORE: 'eventstoredb', EVENTSTORE_URL: double.url } };
}

const ON_EVENTSTOREDB: StoryDeployment = {
  name: 'eventstoredb',
  title: 'on EventStoreDB (the gRPC test double)',
  projections: 'in-process',
  async start(env, _run, app) {
    const { double, env: onEventStoreDb } = await onADouble(this.name);
    const running = await app.startApp({ ...env, ...onEventStoreDb });
    return { running, after: () => double.stop() };
  },
};

const ON_EVENTSTOREDB_WITH_A_PROJECTOR: StoryDeployment = {
  name: 'eventstoredb with a projector',
  title: 'on EventStoreDB, with the read models in a projector (LEDGER_PROJECTIONS=external)',
  projections: 'external',
  async start(env, run, app) {
    const { double, env: onEventStoreDb } = await onADouble(this.name);
    return appWithAProjector(
      app,
      env,
      onEventStoreDb,
      async (dataDir) =>
        startProjector(
          loadConfig({ ...onEventStoreDb, LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
          { info: () => undefined, error: () => undefined },
          (error) => run.projectorFailures.push(error),
        ),
      () => double.stop(),
    );
  },
};

/**
 * Runs an end-to-end story file unchanged on SQLite, on EventStoreDB (the gRPC test double),
 * and on EventStoreDB with the read models in a projector (its client waiting on `/health`
 * after each write), each time with all of the story's own expectations; then compares every
 * answer the apps gave, request by request (see runStoryOnDeployments).
 */
export function runStoryOnEachDeployment(storyFile: string): void {
  runStoryOnDeployments(storyFile, [ON_EVENTSTOREDB, ON_EVENTSTOREDB_WITH_A_PROJECTOR], () => {
    it('wrote the EventStoreDB runs to the double', () => {
      for (const deployment of [ON_EVENTSTOREDB, ON_EVENTSTOREDB_WITH_A_PROJECTOR]) {
        const written = (doubles.get(deployment.name) ?? []).flatMap((double) =>
          double.log.all.filter((event) => !event.streamId.startsWith('$')),
        );
        expect({ deployment: deployment.name, wrote: written.length > 0 }).toEqual({
          deployment: deployment.name,
          wrote: true,
        });
      }
    });
  });
}
