import { AggregateReader, AGGREGATES } from '@blue-ledger/command-handling';
import {
  DEADLINE_KINDS,
  DEADLINE_STATUSES,
  DEFAULT_DEADLINE_POLICY,
  foldEvents,
  parseStreamId,
  upcast,
  type DomainEvent,
} from '@blue-ledger/domain';
import { SqliteEventStore, type ProposedEvent } from '@blue-ledger/event-store';
import {
  deadlinesOf,
  fairnessRecordPositions,
  getAppointment,
  getAuditTrail,
  getContingentHistory,
  getContingentState,
  getFairness,
  getFollowThrough,
  getIncidentSummary,
  getLeaderHistory,
  getRecommendation,
  getTimeline,
  ledgerProjections,
  listContingents,
  listDeadlines,
  listIncidents,
  listRecommendations,
  ProjectionRunner,
  RECOMMENDATION_STATUSES,
  resolveAsOf,
  type SqliteDatabase,
} from '@blue-ledger/projections';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { syntheticLedger } from '../../libs/projections/src/testing/synthetic-ledger';

const quiet = { log: () => undefined, error: () => undefined };

interface Ledger {
  db: SqliteDatabase;
  store: SqliteEventStore;
}

/** A ledger in memory holding `events`, its read models built by the runner in batches of `batchSize`. */
async function ledgerOf(
  events: { streamId: string; event: ProposedEvent }[],
  batchSize: number,
): Promise<Ledger> {
  const db = new BetterSqlite3(':memory:');
  const store = new SqliteEventStore(db);
  for (const { streamId, event } of events) await store.appendToStream(streamId, [event]);
  const runner = new ProjectionRunner(store, db, ledgerProjections(), { logger: quiet, batchSize });
  await runner.start();
  await runner.stop();
  return { db, store };
}

async function close({ db, store }: Ledger): Promise<void> {
  await store.close();
  db.close();
}

/** Every page of a paged query, by following `next`. */
function allPages<P extends { next: number | null }>(read: (after: number | undefined) => P): P[] {
  const pages: P[] = [];
  let after: number | undefined;
  for (;;) {
    const page = read(after);
    pages.push(page);
    if (page.next === null) return pages;
    after = page.next;
  }
}

/**
 * Everything the read models answer about the ledger, read with `upTo` (undefined: now): each
 * list under each filter, page by page; each document; each timeline in both orders; each
 * contingent's history page by page, with the deadlines each page's events started; each
 * leader's history and appointment; the deadlines under each filter and about each unit and
 * leader, with their status at `clockMs` (the instant asked about, on both sides);
 * follow-through; the audit trail.
 */
function everyAnswer(
  db: SqliteDatabase,
  ids: LedgerIds,
  upTo: number | undefined,
  limit: number,
  clockMs: number,
) {
  const incidentFilters = [
    {},
    ...['open', 'closed'].map((status) => ({ status: status as 'open' | 'closed' })),
    ...ids.missions.map((mission) => ({ mission })),
    ...['attack_on_poc_site', 'failure_to_protect'].map((category) => ({
      category: category as 'attack_on_poc_site',
    })),
  ];
  const policy = DEFAULT_DEADLINE_POLICY;
  const deadlineFilters = [
    {},
    ...DEADLINE_STATUSES.map((status) => ({ status })),
    ...DEADLINE_KINDS.map((kind) => ({ kind })),
    ...ids.countries.map((country) => ({ country })),
    ...ids.missions.map((mission) => ({ mission })),
  ];
  return {
    incidentLists: incidentFilters.map((filter) =>
      allPages((after) => listIncidents(db, { ...filter, after, limit, upTo })),
    ),
    incidents: ids.incidents.map((id) => getIncidentSummary(db, id, upTo)),
    contingentLists: [
      {},
      ...ids.countries.map((country) => ({ country })),
      ...ids.missions.map((mission) => ({ mission })),
    ].map((filter) => allPages((after) => listContingents(db, { ...filter, after, limit, upTo }))),
    contingents: ids.contingents.map((id) => getContingentState(db, id, upTo)),
    recommendationLists: [undefined, ...RECOMMENDATION_STATUSES].map((status) =>
      allPages((after) => listRecommendations(db, { status, after, limit, upTo })),
    ),
    recommendationsByUnit: ids.contingents
      .slice(0, 10)
      .map((contingentId) => listRecommendations(db, { contingentId, upTo, limit: 1000 })),
    recommendations: ids.recommendations.map((id) => getRecommendation(db, id, upTo)),
    followThrough: getFollowThrough(db, { upTo, limit: 1000 }),
    timelines: ids.incidents.flatMap((id) =>
      (['occurred', 'recorded'] as const).map((order) => getTimeline(db, id, { upTo, order })),
    ),
    histories: ids.contingents.map((id) =>
      allPages((after) => {
        const page = getContingentHistory(db, id, { upTo, after, limit });
        // As the API answers a page: with the deadlines its events started.
        const deadlines = deadlinesOf(db, { contingentId: id }, policy, clockMs, {
          upTo,
          startedAfter: after,
          startedThrough: page.next ?? undefined,
        });
        return { ...page, deadlines };
      }),
    ),
    deadlineLists: deadlineFilters.map((filter) =>
      allPages((after) => listDeadlines(db, { ...filter, after, limit, upTo }, policy, clockMs)),
    ),
    deadlinesByUnit: ids.contingents.map((contingentId) =>
      deadlinesOf(db, { contingentId }, policy, clockMs, { upTo }),
    ),
    deadlinesByLeader: ids.appointments.map(({ appointmentId }) =>
      deadlinesOf(db, { appointmentId }, policy, clockMs, { upTo }),
    ),
    appointments: ids.appointments.map(({ appointmentId }) =>
      getAppointment(db, appointmentId, upTo),
    ),
    leaderHistories: ids.appointments.map(({ appointmentId, missionCode }) =>
      getLeaderHistory(db, missionCode, appointmentId, upTo),
    ),
    audit: allPages((after) => {
      const page = getAuditTrail(db, { upTo, after, limit: limit * 5 });
      return { items: page.events, next: page.next };
    }),
    auditByType: ['FindingRevised', 'RepatriationDecided'].map(
      (type) => getAuditTrail(db, { type, upTo, limit: 1000 }).events,
    ),
    // The fairness figures of every mission and of all, and the records of some of their
    // cells, with deadlines at `clockMs` (as GET /fairness?asOf= does).
    fairness: [undefined, ...ids.missions].map((mission) => {
      const query = { ...(mission === undefined ? {} : { mission }), ...FAIRNESS_PERIOD };
      const context = { policy, clockMs, upTo };
      return {
        answer: getFairness(db, query, context),
        records: [
          { figure: 'shared_findings' },
          { figure: 'unit_findings' },
          ...ids.countries.flatMap((country) =>
            ['person_years', 'incidents', 'findings', 'decisions', 'notifications'].map(
              (figure) => ({ figure, country }),
            ),
          ),
        ].map((cell) => fairnessRecordPositions(db, query, context, cell)),
      };
    }),
  };
}

/** A period wide enough for every occurred time the synthetic ledger makes. */
const FAIRNESS_PERIOD = { from: '1990-01-01', to: '2100-01-01' };

interface LedgerIds {
  incidents: string[];
  contingents: string[];
  recommendations: string[];
  missions: string[];
  countries: string[];
  appointments: { appointmentId: string; missionCode: string }[];
  streams: string[];
}

function idsOf(events: { streamId: string; event: ProposedEvent }[]): LedgerIds {
  const of = (type: string, field: string) => [
    ...new Set(
      events.filter((e) => e.event.type === type).map((e) => e.event.data[field] as string),
    ),
  ];
  return {
    incidents: of('IncidentReported', 'incidentId'),
    contingents: of('ContingentRegistered', 'contingentId'),
    recommendations: of('RecommendationIssued', 'recommendationId'),
    missions: of('MissionRegistered', 'code'),
    countries: of('ContingentRegistered', 'country'),
    appointments: events
      .filter((e) => e.event.type === 'LeaderAppointed')
      .map((e) => ({
        appointmentId: e.event.data.appointmentId as string,
        missionCode: e.event.data.missionCode as string,
      })),
    streams: [...new Set(events.map((e) => e.streamId))],
  };
}

/**
 * A history from the synthetic generator (a plausible ledger: incidents, investigations,
 * findings revised and withdrawn, recommendations, decisions and their fate, notifications and
 * replies, mission leaders appointed and departing, units withdrawn and returning, national
 * investigation officers, incidents of sexual exploitation and abuse that start deadlines), its
 * stamps made non-decreasing like one process's, or with some of them set back by
 * up to a minute, like several writers' clocks.
 */
const histories = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    count: fc.integer({ min: 20, max: 260 }),
    units: fc.integer({ min: 1, max: 12 }),
    skew: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60_000 })),
    batchSize: fc.integer({ min: 1, max: 100 }),
    limit: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ seed, count, units, skew, batchSize, limit }) => {
    const events = [...syntheticLedger(count, seed, { units })];
    // Some amendments move when the incident occurred: a leader's history matches the findings
    // attributed to the role by it, as the ledger knew it then.
    events.forEach(({ event }, i) => {
      if (event.type !== 'IncidentAmended' || (i + seed) % 3 !== 0) return;
      const occurredAt = new Date(Date.parse(event.recordedAt) - (i % 7) * 86_400_000);
      event.data = { ...event.data, changes: { occurredAt: occurredAt.toISOString() } };
    });
    if (skew > 0) {
      events.forEach(({ event }, i) => {
        if ((i * 7919 + seed) % 5 !== 0) return;
        const lag = ((i * 104729 + seed) % skew) + 1;
        event.recordedAt = new Date(Date.parse(event.recordedAt) - lag).toISOString();
      });
    }
    return { events, batchSize, limit, skew };
  });

describe('The record as known at any instant', () => {
  it('answers every read as of an instant exactly as the read models of only the events recorded by then, and every aggregate as the fold of those events', async () => {
    await fc.assert(
      fc.asyncProperty(
        histories,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -2, max: 2 })), {
          minLength: 1,
          maxLength: 3,
        }),
        async ({ events, batchSize, limit }, instants) => {
          const full = await ledgerOf(events, batchSize);
          const ids = idsOf(events);
          const reader = new AggregateReader(full.store);
          try {
            for (const [pick, offsetMs] of instants) {
              // An instant at (or a millisecond around) some event's stamp, before the first or after the last.
              const stamps = events.map(({ event }) => Date.parse(event.recordedAt));
              const base =
                pick % (stamps.length + 2) === 0
                  ? Math.min(...stamps) - 1000
                  : pick % (stamps.length + 2) === 1
                    ? Math.max(...stamps) + 1000
                    : stamps[pick % stamps.length];
              const instant = new Date(base + offsetMs).toISOString();

              // The last position recorded at or before the instant, by a scan of every event.
              let last = 0;
              stamps.forEach((stamp, i) => {
                if (stamp <= base + offsetMs) last = i + 1;
              });
              const { position } = resolveAsOf(full.db, instant, events.length);
              expect(position).toBe(last === 0 ? null : last);
              const upTo = position ?? -1;

              const prefix = await ledgerOf(events.slice(0, last), 1 + ((pick * 31) % 200));
              try {
                const clockMs = base + offsetMs;
                const asKnown = everyAnswer(full.db, ids, upTo, limit, clockMs);
                expect(asKnown).toEqual(everyAnswer(prefix.db, ids, undefined, limit, clockMs));
                // Each deadline about a unit is on the page of its history that started it, once.
                asKnown.histories.forEach((pages, i) => {
                  expect(pages.flatMap((page) => page.deadlines)).toEqual(
                    asKnown.deadlinesByUnit[i],
                  );
                });
              } finally {
                await close(prefix);
              }

              for (const streamId of ids.streams) {
                const category = parseStreamId(streamId)?.category;
                if (category === undefined) continue;
                const { decider } = AGGREGATES[category];
                const known = events
                  .slice(0, last)
                  .filter((e) => e.streamId === streamId)
                  .map((e) => upcast(e.event) as unknown as DomainEvent);
                const expected = {
                  state: foldEvents(decider, known),
                  revision: known.length === 0 ? null : known.length - 1,
                };
                expect(await reader.load(streamId, decider, { upTo })).toEqual(expected);
              }
            }
          } finally {
            await close(full);
          }
        },
      ),
      { numRuns: 60 },
    );
    // 60 histories, each replayed into fresh ledgers: 37 s on a quiet machine, 141 s beside three
    // CPU hogs; far over the 60 s default.
  }, 600_000);
});
