import type { EvaluationRating, NotificationChannel, WithdrawalBy } from '@blue-ledger/domain';
import { ENVELOPES, type EnvelopeRow } from '../audit-trail/event-envelopes';
import {
  shownContingentState,
  type ContingentState,
  type Deployment,
} from '../documents/contingent-state';
import type { DecisionRecord } from '../documents/decision-record';
import {
  evolveFinding,
  findingIdOf,
  unitsOf,
  type FindingRecord,
} from '../documents/finding-record';
import type { IncidentStatus } from '../documents/incident-summary';
import type { RecommendationRecord } from '../documents/recommendation-record';
import type { SqliteDatabase } from '../sqlite/database';
import { recordedOf, type EventFacts, type Recorded } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';
import { contingentStates } from '../contingents/contingents.projection';
import { decisions, recommendations } from '../follow-through/follow-through.tables';
import { incidentSummaries } from '../incidents/incidents.projection';
import {
  FACTS_TABLE,
  FINDING_EVENTS_TABLE,
  FINDING_UNITS_TABLE,
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

/** The unit left its mission: withdrawn by its country or the UN, or repatriated by a decision. */
export interface WithdrawalFact extends Recorded {
  at: string;
  by: WithdrawalBy;
  reason: string;
  decisionId?: string;
}

export interface ReturnFact extends Recorded {
  at: string;
  strength?: number;
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
  /** When the unit was first linked to the incident. */
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
  /** Each time it left, and came back: its state (`contingent.presence`) says where it is now. */
  withdrawals: WithdrawalFact[];
  returns: ReturnFact[];
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

type EventRow = Pick<
  EnvelopeRow,
  'global_position' | 'type' | 'schema_version' | 'recorded_at' | 'occurred_at' | 'data'
>;
type FactRow = EventRow & { kind: FactKind };

/** Only the envelope columns a history reads: the ids and hashes of hundreds of rows cost time. */
const eventColumnsOf = (alias: string): string =>
  ['global_position', 'type', 'schema_version', 'recorded_at', 'occurred_at', 'data']
    .map((column) => `${alias}.${column}`)
    .join(', ');

function eventFactsOf(row: EventRow): EventFacts {
  const event: EventFacts = {
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as Record<string, unknown>,
    recordedAt: row.recorded_at,
    globalPosition: BigInt(row.global_position),
  };
  if (row.occurred_at !== null) event.occurredAt = row.occurred_at;
  return event;
}

/**
 * Everything the ledger holds about one contingent, each part in the order it was recorded.
 * It reads the contingent-history read model, the envelopes from the audit trail, and the
 * current facts from the contingents, incidents and follow-through read models.
 */
export function getContingentHistory(db: SqliteDatabase, contingentId: string): ContingentHistory {
  const stored = contingentStates.get(db, contingentId);
  const contingent = stored === null ? null : shownContingentState(stored);
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
    withdrawals: facts<WithdrawalFact>('withdrawal'),
    returns: facts<ReturnFact>('return'),
    incidents: incidentLinks(
      db,
      firstLinks(facts<{ incidentId: string } & Recorded>('incident_link')),
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

/** The facts of one contingent, grouped by kind: each its event's data and when it was recorded. */
function factsOf(db: SqliteDatabase, contingentId: string) {
  const rows = db
    .prepare(
      `SELECT f.kind, ${eventColumnsOf('e')} FROM ${FACTS_TABLE} f
       JOIN ${ENVELOPES} e ON e.global_position = f.position
       WHERE f.contingent_id = ? ORDER BY f.position`,
    )
    .all(contingentId) as FactRow[];
  const facts = rows.map((row) => ({ kind: row.kind, fact: factOf(eventFactsOf(row)) }));
  return <T>(kind: FactKind): T[] =>
    facts.filter((f) => f.kind === kind).map((f) => f.fact as unknown as T);
}

/** The event's data without the contingent id it is filed under, and when it was recorded. */
function factOf(event: EventFacts): Record<string, unknown> {
  const {
    contingentId: _contingentId,
    personal: _personal,
    ...details
  } = ledgerEventOf(event).data as Record<string, unknown>;
  if (event.type === 'IncidentReported' || event.type === 'IncidentUnitsLinked') {
    return { incidentId: details.incidentId, ...recordedOf(event) };
  }
  return { ...details, ...recordedOf(event) };
}

function docsOf(db: SqliteDatabase, table: string, where: string, value: string): string[] {
  return db.prepare(`SELECT doc FROM ${table} WHERE ${where}`).pluck().all(value) as string[];
}

/** A unit linked to an incident again keeps the time it was first linked. */
function firstLinks<Link extends { incidentId: string }>(links: Link[]): Link[] {
  const seen = new Set<string>();
  return links.filter((link) => !seen.has(link.incidentId) && seen.add(link.incidentId));
}

type IncidentFacts = NonNullable<IncidentLink['incident']>;

/** The linked incidents' current facts, read in one query and without decoding whole summaries. */
function incidentLinks(
  db: SqliteDatabase,
  links: ({ incidentId: string } & Recorded)[],
): IncidentLink[] {
  const rows = db
    .prepare(
      `SELECT id, mission_code AS missionCode, category,
              json_extract(doc, '$.occurredAt') AS occurredAt,
              json_extract(doc, '$.summary') AS summary, status
       FROM ${incidentSummaries.name} WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(links.map((link) => link.incidentId))) as ({
    id: string;
  } & IncidentFacts)[];
  const incidents = new Map(rows.map(({ id, ...incident }) => [id, incident]));
  return links.map(({ incidentId, position, recordedAt }) => ({
    incidentId,
    linked: { position, recordedAt },
    incident: incidents.get(incidentId) ?? null,
  }));
}

/** Each finding ever attributed to the unit, folded from its events to how it stands now. */
function attributedFindings(db: SqliteDatabase, contingentId: string): AttributedFinding[] {
  const rows = db
    .prepare(
      `SELECT ${eventColumnsOf('e')} FROM ${FINDING_EVENTS_TABLE} f
       JOIN ${ENVELOPES} e ON e.global_position = f.position
       WHERE f.finding_id IN (SELECT finding_id FROM ${FINDING_UNITS_TABLE} WHERE contingent_id = ?)
       ORDER BY f.position`,
    )
    .all(contingentId) as EventRow[];
  const findings = new Map<string, FindingRecord | null>();
  for (const event of rows.map(eventFactsOf)) {
    const findingId = findingIdOf(event);
    if (findingId === null) continue;
    findings.set(findingId, evolveFinding(findings.get(findingId) ?? null, event));
  }
  return [...findings.values()]
    .filter((finding): finding is FindingRecord => finding !== null)
    .map((finding) => ({ ...finding, attributedNow: unitsOf(finding).includes(contingentId) }));
}
