import {
  deadlineDefinitions,
  deadlinesOf,
  getAuditTrail,
  getContingentHistory,
  getFollowThrough,
  getLeaderHistory,
  listDeadlines,
  POLICY_NOTE,
  WORKING_DAYS,
  type DeadlineQuery,
  getTimeline,
  listContingents,
  listIncidents,
  listRecommendations,
  RECOMMENDATION_STATUSES,
  type RecommendationStatus,
  type VisibleOnly,
} from '@blue-ledger/projections';
import type { DeadlinePolicy, IncidentCategory } from '@blue-ledger/domain';
import type { Database } from 'better-sqlite3';
import { ProblemException } from '../problems/problem.exception';

export { RECOMMENDATION_STATUSES, type RecommendationStatus };

export interface PageRequest {
  limit?: number;
  after?: string;
}

export interface AuditFilter {
  stream?: string;
  actor?: string;
  type?: string;
  correlation?: string;
  from?: string;
  to?: string;
}

const DEFAULT_LIMIT = 100;

/** `after` is the `next` of a previous page: a global position. */
function cursor(page: PageRequest): { after?: number; limit: number } {
  const limit = page.limit ?? DEFAULT_LIMIT;
  if (page.after === undefined) return { limit };
  if (!/^-?\d{1,15}$/.test(page.after)) {
    throw new ProblemException(
      400,
      'validation_failed',
      'after must be the `next` of a previous page.',
      [{ field: 'after', reason: 'must be a cursor from `next`' }],
    );
  }
  return { after: Number(page.after), limit };
}

const nextAsString = <T extends { next: number | null }>(page: T) => ({
  ...page,
  next: page.next === null ? null : String(page.next),
});

/**
 * The API's reads of the projections' SQLite read models: now, or as of the global position
 * `upTo` (see ReadPoint), with cursors as strings.
 */
export const readModels = {
  listIncidents: (
    db: Database,
    filter: { mission?: string; category?: string; status?: 'open' | 'closed' },
    page: PageRequest,
    upTo?: number,
    visible?: VisibleOnly,
  ) =>
    nextAsString(
      listIncidents(db, {
        ...filter,
        category: filter.category as IncidentCategory | undefined,
        ...cursor(page),
        upTo,
        visible,
      }),
    ),

  incidentTimeline: (
    db: Database,
    incidentId: string,
    query: { order: 'occurred' | 'recorded'; upTo?: number },
  ) => getTimeline(db, incidentId, query),

  listContingents: (
    db: Database,
    filter: { country?: string; mission?: string },
    page: PageRequest,
    upTo?: number,
  ) => nextAsString(listContingents(db, { ...filter, ...cursor(page), upTo })),

  /**
   * One page of the unit's history, now or as of `upTo`, with the deadlines about the unit that
   * the events on this page started (each on the page of its notification or recommendation),
   * as of the same position and with their status at `clock`: now, or the instant asked about.
   */
  contingentHistory: (
    db: Database,
    contingentId: string,
    page: PageRequest,
    policy: DeadlinePolicy,
    upTo?: number,
    clock = new Date().toISOString(),
  ) => {
    const { after, limit } = cursor(page);
    const history = getContingentHistory(db, contingentId, { after, limit, upTo });
    const deadlines = deadlinesOf(db, { contingentId }, policy, Date.parse(clock), {
      upTo,
      startedAfter: after,
      startedThrough: history.next ?? undefined,
    });
    return { ...nextAsString(history), deadlines };
  },

  /**
   * A leader's accountability history, with the deadlines about the leader, now or as of
   * `upTo` (deadlines with their status at `clock`); null when unknown (by then).
   */
  leaderHistory: (
    db: Database,
    missionCode: string,
    appointmentId: string,
    policy: DeadlinePolicy,
    upTo?: number,
    clock = new Date().toISOString(),
  ) => {
    const history = getLeaderHistory(db, missionCode, appointmentId, upTo);
    if (history === null) return null;
    const deadlines = deadlinesOf(db, { appointmentId }, policy, Date.parse(clock), { upTo });
    return { ...history, deadlines };
  },

  /**
   * Deadlines as of `upTo` (now when undefined) with their status at `clock` (now, unless
   * given: the instant asked about), and the definitions they were evaluated by: the rules,
   * their sources, and that public holidays are not counted.
   */
  listDeadlines: (
    db: Database,
    filter: Omit<DeadlineQuery, 'after' | 'limit' | 'upTo'>,
    page: PageRequest,
    policy: DeadlinePolicy,
    upTo?: number,
    clock = new Date().toISOString(),
  ) => ({
    ...nextAsString(
      listDeadlines(db, { ...filter, ...cursor(page), upTo }, policy, Date.parse(clock)),
    ),
    clock,
    workingDays: WORKING_DAYS,
    policy: { ...policy, note: POLICY_NOTE },
    definitions: deadlineDefinitions(policy),
  }),

  listRecommendations: (
    db: Database,
    status: RecommendationStatus | undefined,
    page: PageRequest,
    upTo?: number,
    visible?: VisibleOnly,
  ) => nextAsString(listRecommendations(db, { status, ...cursor(page), upTo, visible })),

  followThrough: (db: Database, upTo?: number, visible?: VisibleOnly) =>
    getFollowThrough(db, { limit: 1000, upTo, visible }),

  auditTrail: (
    db: Database,
    filter: AuditFilter,
    page: PageRequest,
    upTo?: number,
    visible?: VisibleOnly,
  ) =>
    nextAsString(
      getAuditTrail(db, {
        streamId: filter.stream,
        actorId: filter.actor,
        type: filter.type,
        correlationId: filter.correlation,
        from: filter.from,
        to: filter.to,
        ...cursor(page),
        upTo,
        visible,
      }),
    ),
};
