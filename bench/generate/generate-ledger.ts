import { DomainError, type IncidentReported, type ContingentRegistered } from '@blue-ledger/domain';
import type { SqliteEventStore } from '@blue-ledger/event-store';
import { BulkWriter } from './bulk-writer';
import { incidentStory } from './incident-story';
import { SeededRandom } from './seeded-random';
import type { GeneratedMission, Samples, Story, World } from './story-step';

/** Stories told at once, so that their events interleave in the global order as in life. */
const CONCURRENT_STORIES = 64;

export interface GeneratedLedger {
  eventsWritten: number;
  stories: number;
  /** Commands a decider refused (a story that broke a rule of the domain stops there): should be 0. */
  refused: number;
  samples: Samples;
  /** The simulated clock when generation stopped. */
  endedAt: string;
}

/**
 * Tells incident stories on top of what is in the store (the imported missions, contingents
 * and fatalities) until the store holds about `targetEvents` events.
 */
export async function generateLedger(
  store: SqliteEventStore,
  options: { seed: number; targetEvents: number; startMs: number },
): Promise<GeneratedLedger> {
  const rnd = new SeededRandom(options.seed);
  const world = await worldOf(store, rnd);
  const writer = new BulkWriter(store, rnd, options.startMs);
  const initial = Number((await store.headPosition()) ?? 0n);
  const active: Story[] = [];
  let stories = 0;
  let refused = 0;
  const wanted = () => initial + writer.eventsWritten < options.targetEvents;
  const nextStory = () => {
    stories += 1;
    return incidentStory(world, world.existingIncidents.shift());
  };
  try {
    while (wanted() && active.length < CONCURRENT_STORIES) active.push(nextStory());
    while (active.length > 0) {
      const index = rnd.int(0, active.length - 1);
      const story = active[index];
      const step = story.next();
      if (step.done) {
        writer.forget(step.value);
        active.splice(index, 1);
        if (wanted()) active.push(nextStory());
        continue;
      }
      try {
        await step.value(writer);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused += 1;
        active.splice(index, 1);
        if (wanted()) active.push(nextStory());
      }
    }
  } finally {
    writer.commit();
  }
  return {
    eventsWritten: writer.eventsWritten,
    stories,
    refused,
    samples: world.samples,
    endedAt: writer.now,
  };
}

async function worldOf(store: SqliteEventStore, rnd: SeededRandom): Promise<World> {
  const registered = await store.readAll({ filter: { eventTypes: ['ContingentRegistered'] } });
  const missions = new Map<string, GeneratedMission>();
  const contingentCountry = new Map<string, string>();
  for (const event of registered) {
    const data = event.data as ContingentRegistered['data'];
    const mission = missions.get(data.missionCode) ?? { code: data.missionCode, contingents: [] };
    mission.contingents.push({ id: data.contingentId, country: data.country });
    missions.set(data.missionCode, mission);
    contingentCountry.set(data.contingentId, data.country);
  }
  if (missions.size === 0)
    throw new Error('no contingents in the ledger: import the contributions first');
  const reported = await store.readAll({ filter: { eventTypes: ['IncidentReported'] } });
  const existingIncidents = reported.map((event) => {
    const data = event.data as IncidentReported['data'];
    return {
      incidentId: data.incidentId,
      missionCode: data.missionCode,
      contingentIds: data.contingentIds,
    };
  });
  return {
    rnd,
    missions: [...missions.values()],
    contingentCountry,
    existingIncidents,
    samples: {
      incidents: [],
      openInvestigations: [],
      contingents: [...missions.values()].flatMap((m) =>
        m.contingents.map((c) => ({ id: c.id, missionCode: m.code })),
      ),
    },
  };
}
