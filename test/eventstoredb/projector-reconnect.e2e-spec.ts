import {
  dumpReadModelFile,
  rebuiltFromZero,
} from '../../apps/projector/src/testing/read-model-dump';
import { appendEvents, scenarioEvents } from '../../apps/projector/src/testing/scenario-events';
import { ScaleOutCluster } from './support/scale-out-cluster';

describe('The projector process on EventStoreDB (the gRPC test double)', () => {
  let cluster: ScaleOutCluster;
  const events = scenarioEvents();
  const thirds = [events.slice(0, 12), events.slice(12, 24), events.slice(24)];

  beforeEach(async () => {
    cluster = new ScaleOutCluster();
    await cluster.startStore();
  });

  afterEach(async () => {
    await cluster.tearDown();
  });

  const head = async () => Number(await cluster.store.headPosition());

  async function expectEveryEventAppliedOnce() {
    const projected = await cluster.projector.waitUntilCaughtUp();
    expect(projected.position).toBe(await head());
    expect(dumpReadModelFile(cluster.readModelsFile)).toEqual(await rebuiltFromZero(cluster.store));
  }

  describe('when the server is stopped and restarted under it', () => {
    it('resumes after the last event it applied, with no gap and no repeat', async () => {
      await appendEvents(cluster.store, thirds[0]);
      const projector = await cluster.startProjector();
      await projector.waitUntilCaughtUp();

      await cluster.double.stop();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await projector.health()).status).toBe(503);
      await cluster.double.restart();
      await appendEvents(cluster.store, thirds[1]);
      await expectEveryEventAppliedOnce();

      await cluster.double.stop();
      await cluster.double.restart();
      await appendEvents(cluster.store, thirds[2]);
      await expectEveryEventAppliedOnce();
      expect(projector.output()).not.toMatch(/projection runner stopped|failed/);
    });
  });

  describe('when the projector is stopped and started again', () => {
    it('starts from the checkpoint in its read-model file and applies each later event once', async () => {
      await appendEvents(cluster.store, thirds[0]);
      const first = await cluster.startProjector();
      const { position: stoppedAt } = await first.waitUntilCaughtUp();
      expect(await first.stop()).toBe(0);
      expect(first.output()).toContain(`stopped, read models at position ${stoppedAt}`);

      await appendEvents(cluster.store, thirds[1]);
      const second = await cluster.startProjector();
      await expectEveryEventAppliedOnce();
      expect(second.output()).toContain(`from its checkpoint at position ${stoppedAt}`);
    });

    it('after SIGKILL, resumes from the last checkpoint it committed', async () => {
      await appendEvents(cluster.store, thirds[0]);
      const first = await cluster.startProjector();
      await first.waitUntilCaughtUp();
      const live = appendEvents(cluster.store, thirds[1]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await first.kill();
      await live;

      await appendEvents(cluster.store, thirds[2]);
      const second = await cluster.startProjector();
      await expectEveryEventAppliedOnce();
      expect(second.output()).toMatch(/from its checkpoint at position \d+/);
    });
  });
});
