import { DECIDED_ACTIONS } from '@blue-ledger/domain';
import type { DecisionRecord } from '../documents/decision-record';
import type { RecommendationRecord } from '../documents/recommendation-record';
import type { SqliteDatabase } from '../sqlite/database';
import { versionsAt } from '../sqlite/document-table';
import { pageSize } from '../sqlite/page';
import { idsParameter, type VisibleOnly } from '../sqlite/visible-only';
import {
  decisions,
  incidents,
  INVESTIGATION_INCIDENTS_TABLE,
  FINDINGS_TABLE,
  recommendations,
} from './follow-through.tables';

/** The first `limit` items of a list, in the order they were recorded, and how many there are. */
export interface Listed<T> {
  total: number;
  items: T[];
}

/**
 * From the incident to the investigation's first finding to the decision. Each interval is
 * counted on one clock, the same at both of its ends (domain.md: occurred or stated time, when it
 * happened in the world; recorded time, when the ledger learnt it):
 *
 * - incident to first finding and finding to decision in recorded time: a finding has no stated
 *   time, only when it was recorded, so an interval with the finding at one end can be counted
 *   only in recorded time; it runs from the incident's report as recorded, and to the decision
 *   as recorded. Recorded times follow the global order (a decision is recorded after the
 *   recommendation it answers, after the finding, after the report): never negative.
 * - incident to decision in stated time: from when the incident occurred (as amended) to when
 *   the decision says it was taken, the interval the public reckons ("four months from the
 *   attack to the decision"), and which a ledger filled in after the fact still measures.
 *
 * Before, finding to decision ran from the finding's recorded time to the decision's stated
 * decidedAt: a decision stated as taken before the finding was recorded (backdated, or a
 * history entered later) gave a negative interval and pulled the median below zero. The two
 * recorded intervals therefore need not add up to the stated one.
 */
export interface DecisionTimes {
  decisionId: string;
  recommendationId: string;
  investigationId: string;
  /** The earliest-occurring incident the investigation covers. */
  incidentId: string | null;
  /** When it occurred, as stated (and amended): where incidentToDecision starts. */
  incidentOccurredAt: string | null;
  /** When the ledger recorded its report: where incidentToFinding starts. */
  incidentReportedAt: string | null;
  firstFindingRecordedAt: string | null;
  /** When the decision was taken, as stated: where incidentToDecision ends. */
  decidedAt: string;
  /** When the ledger recorded the decision: where findingToDecision ends. */
  decisionRecordedAt: string;
  /** Days: incidentToFinding and findingToDecision in recorded time, incidentToDecision in stated time. */
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
  /** Decisions to repatriate (or to relieve a leader) never implemented: still decided, lapsed or reversed. */
  repatriationsNotImplemented: Listed<DecisionRecord>;
  /** Decisions to retain or defer against a recommendation to repatriate or relieve, with the reason given. */
  retainedOrDeferredAgainstRecommendation: Listed<DecisionRecord>;
  /**
   * Decisions implemented whose consequence (the leader's departure, the unit's withdrawal) is
   * not recorded yet: normally none; the ledger records what is missing at its next start.
   */
  implementedWithoutConsequence: Listed<DecisionRecord>;
  /** For each decision answering a recommendation. */
  durations: Listed<DecisionTimes> & { medianDays: MedianDays };
}

export interface FollowThroughQuery {
  /** Most items listed in each part (the totals count them all). */
  limit?: number;
  /** As of this global position (inclusive); now when undefined. */
  upTo?: number;
  /**
   * For a reader who may see part of the ledger: every list, total and median is computed from
   * the records it may see only, and each duration from the incidents and findings it may see.
   */
  visible?: VisibleOnly;
}

const decidedActions = DECIDED_ACTIONS.map((a) => `'${a}'`).join(', ');

/**
 * What became of the recommendations: the oversight body's view of follow-through, now or as
 * of `upTo` (every part from the versions valid then).
 */
export function getFollowThrough(
  db: SqliteDatabase,
  query: FollowThroughQuery = {},
): FollowThroughSummary {
  const limit = pageSize(query.limit);
  const visible = query.visible;
  const versions = versionsAt(query.upTo);
  const listed = <T>(table: string, where: string): Listed<T> => {
    const condition = `${versions.sql} AND ${where}`;
    if (!visible) {
      return {
        total: db
          .prepare(`SELECT count(*) FROM ${table} WHERE ${condition}`)
          .pluck()
          .get(...versions.params) as number,
        items: (
          db
            .prepare(`SELECT doc FROM ${table} WHERE ${condition} ORDER BY position LIMIT ?`)
            .pluck()
            .all(...versions.params, limit) as string[]
        ).map((doc) => JSON.parse(doc) as T),
      };
    }
    const shown = (
      db
        .prepare(
          `SELECT doc FROM ${table} WHERE ${condition} AND id IN (SELECT value FROM json_each(?))
           ORDER BY position`,
        )
        .pluck()
        .all(...versions.params, idsParameter(visible)) as string[]
    )
      .map((doc) => JSON.parse(doc) as T)
      .filter((doc) => visible.shows(doc));
    return { total: shown.length, items: shown.slice(0, limit) };
  };
  return {
    recommendationsWithoutDecision: listed(recommendations.name, `status = 'undecided'`),
    repatriationsNotImplemented: listed(
      decisions.name,
      `outcome IN ('repatriate', 'relieve') AND status IN ('decided', 'lapsed', 'reversed')`,
    ),
    retainedOrDeferredAgainstRecommendation: listed(
      decisions.name,
      `outcome IN ('retain', 'defer') AND recommended_action IN (${decidedActions})`,
    ),
    implementedWithoutConsequence: listed(decisions.name, `consequence = 'pending'`),
    durations: durations(db, limit, query.upTo, visible),
  };
}

/**
 * For each decision answering a recommendation: the earliest incident its investigation covers
 * (after amendments) and when it was reported, when that investigation recorded its first
 * finding, when the decision was taken and recorded, and the days between (each on its clock:
 * DecisionTimes), all in one pass of SQL; from the versions valid
 * at `upTo` (now when undefined) and the findings recorded by then; with `:visible`, from the
 * decisions, incidents and findings the reader may see only.
 */
function decisionTimes(upTo: number | undefined): string {
  const versions = (alias: string) =>
    upTo === undefined
      ? `${alias}.valid_to IS NULL`
      : `${alias}.valid_from <= :upTo AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > :upTo)`;
  return `
  WITH seen(id) AS (SELECT value FROM json_each(:visible)),
  earliest AS (
    SELECT l.investigation_id, n.id AS incident_id, n.occurred_at, n.reported_at,
      min(n.occurred_ms)
    FROM ${INVESTIGATION_INCIDENTS_TABLE} l
    JOIN ${incidents.name} n ON n.id = l.incident_id AND ${versions('n')}
    WHERE :visible IS NULL OR l.incident_id IN (SELECT id FROM seen)
    GROUP BY l.investigation_id
  ),
  times AS (
    SELECT d.position, d.id AS decisionId, d.recommendation_id AS recommendationId,
      d.investigation_id AS investigationId, e.incident_id AS incidentId,
      e.occurred_at AS incidentOccurredAt, e.reported_at AS incidentReportedAt,
      f.first_finding_at AS firstFindingRecordedAt,
      d.decided_at AS decidedAt, d.recorded_at AS decisionRecordedAt,
      julianday(f.first_finding_at) - julianday(e.reported_at) AS incidentToFinding,
      julianday(d.recorded_at) - julianday(f.first_finding_at) AS findingToDecision,
      julianday(d.decided_at) - julianday(e.occurred_at) AS incidentToDecision
    FROM ${decisions.name} d
    LEFT JOIN (
      SELECT investigation_id, recorded_at AS first_finding_at, min(position)
      FROM ${FINDINGS_TABLE}
      WHERE ${upTo === undefined ? '' : 'position <= :upTo AND '}(:visible IS NULL OR finding_id IN (SELECT id FROM seen))
      GROUP BY investigation_id
    ) f ON f.investigation_id = d.investigation_id
    LEFT JOIN earliest e ON e.investigation_id = d.investigation_id
    WHERE ${versions('d')} AND d.investigation_id IS NOT NULL
      AND (:visible IS NULL OR d.id IN (SELECT id FROM seen))
  )`;
}

type TimesRow = Omit<DecisionTimes, 'days'> & {
  position: number;
  incidentToFinding: number | null;
  findingToDecision: number | null;
  incidentToDecision: number | null;
};

function durations(
  db: SqliteDatabase,
  limit: number,
  upTo: number | undefined,
  visible: VisibleOnly | undefined,
): FollowThroughSummary['durations'] {
  const parameters = {
    visible: visible ? idsParameter(visible) : null,
    ...(upTo === undefined ? {} : { upTo }),
  };
  const rows = (
    db
      .prepare(`${decisionTimes(upTo)} SELECT * FROM times ORDER BY position`)
      .all(parameters) as TimesRow[]
  ).filter((row) => !visible || visible.shows(row));
  return {
    total: rows.length,
    items: rows
      .slice(0, limit)
      .map(
        ({
          position: _position,
          incidentToFinding,
          findingToDecision,
          incidentToDecision,
          ...row
        }) => ({
          ...row,
          days: {
            incidentToFinding: hundredths(incidentToFinding),
            findingToDecision: hundredths(findingToDecision),
            incidentToDecision: hundredths(incidentToDecision),
          },
        }),
      ),
    medianDays: {
      incidentToFinding: median(rows.map((row) => row.incidentToFinding)),
      findingToDecision: median(rows.map((row) => row.findingToDecision)),
      incidentToDecision: median(rows.map((row) => row.incidentToDecision)),
    },
  };
}

const hundredths = (days: number | null): number | null =>
  days === null ? null : Math.round(days * 100) / 100;

function median(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  const value = known.length % 2 === 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
  return hundredths(value);
}

/** The decisions implemented whose consequence is not recorded yet, oldest first. */
export function decisionsAwaitingConsequence(db: SqliteDatabase): string[] {
  return db
    .prepare(
      `SELECT id FROM ${decisions.name} WHERE valid_to IS NULL AND consequence = 'pending'
       ORDER BY position`,
    )
    .pluck()
    .all() as string[];
}
