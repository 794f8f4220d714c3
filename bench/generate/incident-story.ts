import { incidentDecider, streamIds } from '@blue-ledger/domain';
import { actors } from './bench-principals';
import { evaluateContingent, notifyCountry } from './contingent-facts';
import { INCIDENT_CATEGORIES, INVESTIGATION_KINDS } from './domain-proportions';
import { investigationStory } from './investigation-story';
import type { ExistingIncident, Story, World } from './story-step';

const DAY_MS = 86_400_000;

/**
 * Everything the ledger learns about one incident, in order: the report (unless the incident
 * was imported), amendments and units linked, the contributing countries told, one or two
 * investigations, and often its closure.
 */
export function* incidentStory(world: World, existing?: ExistingIncident): Story {
  const { rnd } = world;
  const reporter = actors.investigator('investigator-2');
  let incidentId = existing?.incidentId ?? '';
  let units = existing?.contingentIds ?? [];
  let stream = existing ? streamIds.incident(incidentId) : '';
  const used: string[] = [];
  if (!existing) {
    const mission = rnd.pick(world.missions);
    units = rnd.sample(mission.contingents, rnd.int(1, 2)).map((c) => c.id);
    const category = rnd.weighted(INCIDENT_CATEGORIES);
    yield (w) => {
      incidentId = rnd.uuid(w.nowMs);
      stream = streamIds.incident(incidentId);
      used.push(stream);
      return w.apply(stream, incidentDecider, {
        type: 'ReportIncident',
        data: {
          incidentId,
          missionCode: mission.code,
          occurredAt: new Date(w.nowMs - rnd.int(0, 30) * DAY_MS).toISOString(),
          location: {
            name: `Sector ${rnd.pick(['North', 'South', 'East', 'West', 'Centre'])}, ${mission.code}`,
            latitude: rnd.int(-9000, 9000) / 100,
            longitude: rnd.int(-18000, 18000) / 100,
          },
          category,
          summary: `${category.replace(/_/g, ' ')} reported by the mission`,
          casualties: { civiliansKilled: rnd.int(0, 6), civiliansInjured: rnd.int(0, 12) },
          contingentIds: units,
          ...(category === 'sexual_exploitation_and_abuse' && {
            subjects: [{ subjectId: rnd.uuid(w.nowMs), role: 'victim' as const }],
          }),
        },
        meta: w.meta(reporter),
      });
    };
    if (rnd.chance(0.2)) {
      yield (w) =>
        w.apply(stream, incidentDecider, {
          type: 'AmendIncident',
          data: {
            changes: { casualties: { civiliansKilled: rnd.int(7, 20) } },
            reason: 'Casualty figures confirmed by the human rights division',
          },
          meta: w.meta(reporter),
        });
    }
    const mission2 = world.missions.find((m) => m.contingents.some((c) => c.id === units[0]));
    const others = (mission2?.contingents ?? []).filter((c) => !units.includes(c.id));
    if (others.length > 0 && rnd.chance(0.1)) {
      const linked = rnd.pick(others).id;
      yield (w) => {
        units = [...units, linked];
        return w.apply(stream, incidentDecider, {
          type: 'LinkIncidentUnits',
          data: { contingentIds: [linked] },
          meta: w.meta(reporter),
        });
      };
    }
  }
  if (units.length > 0 && rnd.chance(0.7)) yield* notifyCountry(world, units[0], stream);

  let investigated = false;
  const asOf = { value: '' };
  if (existing || rnd.chance(0.85)) {
    investigated = true;
    const kind = existing ? 'board_of_inquiry' : rnd.weighted(INVESTIGATION_KINDS);
    yield (w) => ((asOf.value = w.now), Promise.resolve());
    used.push(...(yield* investigationStory(world, incidentId, units, kind)));
    if (rnd.chance(0.1)) {
      used.push(...(yield* investigationStory(world, incidentId, units, 'national_investigation')));
    }
  }
  if (rnd.chance(0.5)) {
    yield (w) =>
      w.apply(stream, incidentDecider, {
        type: 'CloseIncident',
        data: { reason: 'Investigations concluded' },
        meta: w.meta(reporter),
      });
  }
  if (units.length > 0 && rnd.chance(0.13)) yield* evaluateContingent(world, rnd.pick(units));
  if (investigated) world.samples.incidents.push({ id: incidentId, asOf: asOf.value });
  return used;
}
