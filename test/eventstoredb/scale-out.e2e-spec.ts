import type { RecordedEvent } from '@blue-ledger/event-store';
import {
  dumpReadModelFile,
  rebuiltFromZero,
} from '../../apps/projector/src/testing/read-model-dump';
import type { LedgerClient } from '../support/http-client';
import {
  incidentReport,
  registerMissionAndContingent,
} from '../reliability/support/ledger-fixtures';
import { readAuditTrail } from '../reliability/support/ledger-reads';
import {
  amendInRounds,
  answeredOtherwise,
  burstFromEveryInstance,
  missingOrDuplicated,
  tagOf,
} from '../reliability/support/writes-across-instances';
import { brokenGlobalOrder } from './support/global-order';
import { ScaleOutCluster } from './support/scale-out-cluster';

const CLIENTS_PER_API = 8;

describe('Two API processes and a projector on one EventStoreDB (the gRPC test double)', () => {
  let cluster: ScaleOutCluster;
  let investigators: LedgerClient[];
  let contingentId: string;
  let incidentId: string;

  beforeEach(async () => {
    cluster = new ScaleOutCluster();
    await cluster.startStore();
    await cluster.startProjector();
    const [first, second] = [await cluster.startApi(), await cluster.startApi()];
    investigators = [first.client.as('investigator'), second.client.as('investigator')];
    contingentId = await registerMissionAndContingent(first.client);
    incidentId = (
      await investigators[1].create(
        '/incidents',
        incidentReport(contingentId, 'Attack on the POC site'),
      )
    ).id;
  });

  afterEach(async () => {
    await cluster.tearDown();
  });

  const allEvents = () => cluster.store.readAll();

  /** The projector has caught up, both APIs read what it wrote, and it equals a rebuild. */
  async function expectReadModelsToMatchTheStore(events: RecordedEvent[]) {
    const projected = await cluster.projector.waitUntilCaughtUp();
    expect(projected.position).toBe(Number(events.at(-1)?.globalPosition));
    for (const api of cluster.apis) {
      const audited = await readAuditTrail(api.client);
      expect(audited.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    }
    expect(dumpReadModelFile(cluster.readModelsFile)).toEqual(await rebuiltFromZero(cluster.store));
  }

  describe('amending one incident with If-Match from both processes at once', () => {
    it('lets exactly one write win each revision, refuses every other with a 409, and the read models equal a rebuild from zero', async () => {
      const streamId = `incident-${incidentId}`;
      const winners = await amendInRounds(
        investigators,
        async () => Number((await cluster.store.readStream(streamId)).at(-1)?.streamRevision),
        { incidentId, rounds: 4, clientsPerApi: CLIENTS_PER_API },
      );

      const events = await allEvents();
      expect(brokenGlobalOrder(events)).toEqual([]);
      const amended = events.filter((e) => e.type === 'IncidentAmended').map(tagOf);
      expect(amended).toEqual(winners);
      await expectReadModelsToMatchTheStore(events);
    });
  });

  describe('while the projector is down', () => {
    it('still answers writes, and /health shows the read models behind until it catches up', async () => {
      await cluster.projector.waitUntilCaughtUp();
      expect(await cluster.projector.stop()).toBe(0);
      const [first, second] = cluster.apis;
      const before = await first.client.get('/health');

      const written = await investigators[0].create(
        '/incidents',
        incidentReport(contingentId, 'Reported while the projector was down'),
      );
      const behind = await second.client.get('/health');
      const listed = await second.client.as('reviewer').get('/incidents?limit=100');

      expect(behind.body).toMatchObject({
        headPosition: written.position,
        readModels: {
          projections: 'external',
          position: before.body.headPosition,
          caughtUp: false,
        },
      });
      expect(listed.body.items.map((i: { incidentId: string }) => i.incidentId)).not.toContain(
        written.id,
      );

      await cluster.startProjector();
      await cluster.projector.waitUntilCaughtUp();
      for (const api of cluster.apis) {
        const health = await api.client.get('/health');
        expect(health.body.readModels).toEqual({
          projections: 'external',
          position: written.position,
          caughtUp: true,
        });
      }
      const relisted = await second.client.as('reviewer').get('/incidents?limit=100');
      expect(relisted.body.items.map((i: { incidentId: string }) => i.incidentId)).toContain(
        written.id,
      );
      await expectReadModelsToMatchTheStore(await allEvents());
    });
  });

  describe('a burst of unconditional writes from both processes', () => {
    it('stores each acknowledged write once, where its answer said, and no refused one; every refusal is a 409', async () => {
      const attempts = await burstFromEveryInstance(investigators, {
        contingentId,
        incidentId,
        reports: 2,
        amendments: 3,
        writesPerWriter: 12,
      });

      expect(answeredOtherwise(attempts)).toEqual([]);
      const events = await allEvents();
      expect(brokenGlobalOrder(events)).toEqual([]);
      expect(missingOrDuplicated(attempts, events)).toEqual([]);
      await expectReadModelsToMatchTheStore(events);
    });
  });
});
