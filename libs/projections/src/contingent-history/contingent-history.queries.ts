import type { EvaluationRating, NotificationChannel } from '@blue-ledger/domain';
import type { ContingentState, Deployment } from '../documents/contingent-state';
import type { DecisionRecord } from '../documents/decision-record';
import { unitsOf, type FindingRecord } from '../documents/finding-record';
import type { IncidentStatus } from '../documents/incident-summary';
import type { RecommendationRecord } from '../documents/recommendation-record';
import type { SqliteDatabase } from '../sqlite/database';
import type { Recorded } from '../support/envelope';
import {
  contingents,
  decisions,
  FACTS_TABLE,
  FINDING_UNITS_TABLE,
  findings,
  incidents,
  recommendations,
  type FactKind,
} from './contingent-history.tables';

export interface RotationFact extends Recorded {
  rotationId: string;
  startedAt: string;
  strength?: number;
  commanderSubjectId?: string;
}

export interface ReHattingFact extends Recorded {
  fromOperation: string;
  fromMissionCode: string;
  toMissionCode: string;
  at: string;
}

export interface EvaluationFact extends Recorded {
  evaluationId: string;
  evaluatedAt: string;
  rating: EvaluationRating;
  summary: string;
}

export interface CommendationFact extends Recorded {
  commendationId: string;
  at: string;
  citation: string;
}

export interface ResponseFact extends Recorded {
  responseId: string;
  country: string;
  regarding: string;
  statement: string;
  respondedAt: string;
}

export interface NotificationFact extends Recorded {
  notificationId: string;
  country: string;
  subjectStreamId: string;
  notifiedAt: string;
  channel: NotificationChannel;
  /** The country's replies to it, in the order they were recorded. */
  responses: ResponseFact[];
}

export interface NamingFact extends Recorded {
  namingId: string;
  investigationId: string;
  findingIds: string[];
  public: boolean;
}

export interface IncidentLink {
  incidentId: string;
  /** When the unit was linked to the incident. */
  linked: Recorded;
  /** The incident's current facts, when it is known. */
  incident: {
    missionCode: string;
    category: string;
    occurredAt: string;
    summary: string;
    status: IncidentStatus;
  } | null;
}

export interface AttributedFinding extends FindingRecord {
  /** False when a revision has since moved the attribution away from this unit. */
  attributedNow: boolean;
}

export interface ContingentHistory {
  contingentId: string;
  /** Its current state; null when its registration is not in the ledger. */
  contingent: ContingentState | null;
  deployments: Deployment[];
  rotations: RotationFact[];
  reHattings: ReHattingFact[];
  incidents: IncidentLink[];
  findings: AttributedFinding[];
  namings: NamingFact[];
  recommendations: RecommendationRecord[];
  /** With their status: decided, implemented, reversed or lapsed. */
  decisions: DecisionRecord[];
  notifications: NotificationFact[];
  /** Replies to notifications this history does not hold. */
  otherResponses: ResponseFact[];
  evaluations: EvaluationFact[];
  commendations: CommendationFact[];
}

const parseAll = <T>(rows: string[]): T[] => JSON.parse(`[${rows.join(',')}]`) as T[];

/** Everything the ledger holds about one contingent, each part in the order it was recorded. */
export function getContingentHistory(db: SqliteDatabase, contingentId: string): ContingentHistory {
  const contingent = contingents.get(db, contingentId);
  const facts = factsOf(db, contingentId);
  const responses = facts<ResponseFact>('response');
  const notifications = facts<Omit<NotificationFact, 'responses'>>('notification').map((n) => ({
    ...n,
    responses: responses.filter((r) => r.regarding === n.notificationId),
  }));
  const notified = new Set(notifications.map((n) => n.notificationId));
  return {
    contingentId,
    contingent,
    deployments: contingent?.deployments ?? [],
    rotations: facts<RotationFact>('rotation'),
    reHattings: facts<ReHattingFact>('re_hatting'),
    incidents: facts<{ incidentId: string } & Recorded>('incident_link').map((link) =>
      incidentLink(db, link),
    ),
    findings: attributedFindings(db, contingentId),
    namings: facts<NamingFact>('naming'),
    recommendations: parseAll(
      docsOf(db, recommendations.name, 'contingent_id = ? ORDER BY position', contingentId),
    ),
    decisions: parseAll(
      docsOf(db, decisions.name, 'contingent_id = ? ORDER BY position', contingentId),
    ),
    notifications,
    otherResponses: responses.filter((r) => !notified.has(r.regarding)),
    evaluations: facts<EvaluationFact>('evaluation'),
    commendations: facts<CommendationFact>('commendation'),
  };
}

function factsOf(db: SqliteDatabase, contingentId: string) {
  const rows = db
    .prepare(`SELECT kind, fact FROM ${FACTS_TABLE} WHERE contingent_id = ? ORDER BY position`)
    .all(contingentId) as { kind: FactKind; fact: string }[];
  return <T>(kind: FactKind): T[] =>
    parseAll<T>(rows.filter((row) => row.kind === kind).map((row) => row.fact));
}

function docsOf(db: SqliteDatabase, table: string, where: string, value: string): string[] {
  return db.prepare(`SELECT doc FROM ${table} WHERE ${where}`).pluck().all(value) as string[];
}

function incidentLink(
  db: SqliteDatabase,
  { incidentId, position, recordedAt }: { incidentId: string } & Recorded,
): IncidentLink {
  const incident = incidents.get(db, incidentId);
  return {
    incidentId,
    linked: { position, recordedAt },
    incident:
      incident === null
        ? null
        : {
            missionCode: incident.missionCode,
            category: incident.category,
            occurredAt: incident.occurredAt,
            summary: incident.summary,
            status: incident.status,
          },
  };
}

function attributedFindings(db: SqliteDatabase, contingentId: string): AttributedFinding[] {
  const rows = db
    .prepare(
      `SELECT f.doc FROM ${FINDING_UNITS_TABLE} u JOIN ${findings.name} f ON f.id = u.finding_id
       WHERE u.contingent_id = ? ORDER BY f.position`,
    )
    .pluck()
    .all(contingentId) as string[];
  return parseAll<FindingRecord>(rows).map((finding) => ({
    ...finding,
    attributedNow: unitsOf(finding).includes(contingentId),
  }));
}
