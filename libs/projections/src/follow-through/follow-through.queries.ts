import { REPATRIATION_ACTIONS } from '@blue-ledger/domain';
import type { DecisionRecord } from '../documents/decision-record';
import type { RecommendationRecord } from '../documents/recommendation-record';
import type { SqliteDatabase } from '../sqlite/database';
import { pageSize } from '../sqlite/page';
import { daysBetween } from '../support/time';
import {
  decisions,
  INCIDENTS_TABLE,
  INVESTIGATION_INCIDENTS_TABLE,
  INVESTIGATIONS_TABLE,
  recommendations,
} from './follow-through.tables';

/** The first `limit` items of a list, in the order they were recorded, and how many there are. */
export interface Listed<T> {
  total: number;
  items: T[];
}

/** From the incident to the investigation's first finding to the decision. */
export interface DecisionTimes {
  decisionId: string;
  recommendationId: string;
  investigationId: string;
  /** The earliest-occurring incident the investigation covers. */
  incidentId: string | null;
  incidentOccurredAt: string | null;
  firstFindingRecordedAt: string | null;
  decidedAt: string;
  days: {
    incidentToFinding: number | null;
    findingToDecision: number | null;
    incidentToDecision: number | null;
  };
}

export interface MedianDays {
  incidentToFinding: number | null;
  findingToDecision: number | null;
  incidentToDecision: number | null;
}

export interface FollowThroughSummary {
  /** Recommendations no decision has answered. */
  recommendationsWithoutDecision: Listed<RecommendationRecord>;
  /** Decisions to repatriate never implemented: still decided, lapsed or reversed. */
  repatriationsNotImplemented: Listed<DecisionRecord>;
  /** Decisions to retain or defer against a recommendation to repatriate, with the reason given. */
  retainedOrDeferredAgainstRecommendation: Listed<DecisionRecord>;
  /** For each decision answering a recommendation. */
  durations: Listed<DecisionTimes> & { medianDays: MedianDays };
}

export interface FollowThroughQuery {
  /** Most items listed in each part (the totals count them all). */
  limit?: number;
}

const repatriationActions = REPATRIATION_ACTIONS.map((a) => `'${a}'`).join(', ');

/** What became of the recommendations: the oversight body's view of follow-through. */
export function getFollowThrough(
  db: SqliteDatabase,
  query: FollowThroughQuery = {},
): FollowThroughSummary {
  const limit = pageSize(query.limit);
  const listed = <T>(table: string, where: string): Listed<T> => ({
    total: db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number,
    items: (
      db
        .prepare(`SELECT doc FROM ${table} WHERE ${where} ORDER BY position LIMIT ?`)
        .pluck()
        .all(limit) as string[]
    ).map((doc) => JSON.parse(doc) as T),
  });
  const times = decisionTimes(db);
  return {
    recommendationsWithoutDecision: listed(recommendations.name, `status = 'undecided'`),
    repatriationsNotImplemented: listed(
      decisions.name,
      `outcome = 'repatriate' AND status IN ('decided', 'lapsed', 'reversed')`,
    ),
    retainedOrDeferredAgainstRecommendation: listed(
      decisions.name,
      `outcome IN ('retain', 'defer') AND recommended_action IN (${repatriationActions})`,
    ),
    durations: {
      total: times.length,
      items: times.slice(0, limit),
      medianDays: {
        incidentToFinding: median(times.map((t) => t.days.incidentToFinding)),
        findingToDecision: median(times.map((t) => t.days.findingToDecision)),
        incidentToDecision: median(times.map((t) => t.days.incidentToDecision)),
      },
    },
  };
}

interface TimesRow {
  decisionId: string;
  recommendationId: string;
  investigationId: string;
  decidedAt: string;
  firstFindingRecordedAt: string | null;
  incidentId: string | null;
}

function decisionTimes(db: SqliteDatabase): DecisionTimes[] {
  const earliestIncident = `SELECT n.incident_id FROM ${INVESTIGATION_INCIDENTS_TABLE} l
    JOIN ${INCIDENTS_TABLE} n ON n.incident_id = l.incident_id
    WHERE l.investigation_id = d.investigation_id ORDER BY n.occurred_ms LIMIT 1`;
  const rows = db
    .prepare(
      `SELECT d.id AS decisionId, d.recommendation_id AS recommendationId,
              d.investigation_id AS investigationId, d.decided_at AS decidedAt,
              i.first_finding_at AS firstFindingRecordedAt, (${earliestIncident}) AS incidentId
       FROM ${decisions.name} d
       LEFT JOIN ${INVESTIGATIONS_TABLE} i ON i.investigation_id = d.investigation_id
       WHERE d.investigation_id IS NOT NULL ORDER BY d.position`,
    )
    .all() as TimesRow[];
  const occurredAt = db
    .prepare(`SELECT occurred_at FROM ${INCIDENTS_TABLE} WHERE incident_id = ?`)
    .pluck();
  return rows.map((row) => {
    const incidentOccurredAt =
      row.incidentId === null ? null : ((occurredAt.get(row.incidentId) as string) ?? null);
    return {
      ...row,
      incidentOccurredAt,
      days: {
        incidentToFinding: daysBetween(incidentOccurredAt, row.firstFindingRecordedAt),
        findingToDecision: daysBetween(row.firstFindingRecordedAt, row.decidedAt),
        incidentToDecision: daysBetween(incidentOccurredAt, row.decidedAt),
      },
    };
  });
}

function median(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  const value = known.length % 2 === 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
  return Math.round(value * 100) / 100;
}
