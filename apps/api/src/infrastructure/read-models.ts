import {
  getAuditTrail,
  getContingentHistory,
  getFollowThrough,
  getTimeline,
  listContingents,
  listIncidents,
  listRecommendations,
  RECOMMENDATION_STATUSES,
  type RecommendationStatus,
} from '@blue-ledger/projections';
import type { IncidentCategory } from '@blue-ledger/domain';
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

/** The API's reads of the projections' SQLite read models. */
export const readModels = {
  listIncidents: (
    db: Database,
    filter: { mission?: string; category?: string; status?: 'open' | 'closed' },
    page: PageRequest,
  ) =>
    nextAsString(
      listIncidents(db, {
        ...filter,
        category: filter.category as IncidentCategory | undefined,
        ...cursor(page),
      }),
    ),

  incidentTimeline: (
    db: Database,
    incidentId: string,
    query: { asOf?: string; order: 'occurred' | 'recorded' },
  ) => getTimeline(db, incidentId, query),

  listContingents: (
    db: Database,
    filter: { country?: string; mission?: string },
    page: PageRequest,
  ) => nextAsString(listContingents(db, { ...filter, ...cursor(page) })),

  contingentHistory: (db: Database, contingentId: string) => getContingentHistory(db, contingentId),

  listRecommendations: (
    db: Database,
    status: RecommendationStatus | undefined,
    page: PageRequest,
  ) => nextAsString(listRecommendations(db, { status, ...cursor(page) })),

  followThrough: (db: Database) => getFollowThrough(db, { limit: 1000 }),

  auditTrail: (db: Database, filter: AuditFilter, page: PageRequest) =>
    nextAsString(
      getAuditTrail(db, {
        streamId: filter.stream,
        actorId: filter.actor,
        type: filter.type,
        correlationId: filter.correlation,
        from: filter.from,
        to: filter.to,
        ...cursor(page),
      }),
    ),
};
