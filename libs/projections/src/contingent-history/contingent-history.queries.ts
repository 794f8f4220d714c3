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
import { versionsAt } from '../sqlite/document-table';
import { pageSize } from '../sqlite/page';
import { recordedOf, type EventFacts, type Recorded } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';
import { contingentStates } from '../contingents/contingents.projection';
import { decisions, recommendations } from '../follow-through/follow-through.tables';
import { incidentSummaries } from '../incidents/incidents.projection';
import { FACTS_TABLE, FINDING_EVENTS_TABLE, type FactKind } from './contingent-history.tables';

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
  /** The incident's facts (as of the history's position), when it is known. */
  incident: {
    missionCode: string;
    category: string;
    occurredAt: string;
    summary: string;
    status: IncidentStatus;
  } | null;
}

export interface AttributedFinding extends FindingRecord {
  /** False when a revision (by the history's position) moved the attribution away from this unit. */
  attributedNow: boolean;
}

/**
 * One page of everything the ledger holds about one contingent: the facts recorded after the
 * cursor, in the order recorded, each in its part, and the unit's state as a header on every
 * page. Now, or as known once the events up to a position were recorded.
 */
export interface ContingentHistory {
  contingentId: string;
  /** Its state; null when its registration is not in the ledger (by then). */
  contingent: ContingentState | null;
  deployments: Deployment[];
  rotations: RotationFact[];
  reHattings: ReHattingFact[];
  /** Each time it left, and came back, on this page: its state (`contingent.presence`) says where it is (then). */
  withdrawals: WithdrawalFact[];
  returns: ReturnFact[];
  /** The incidents it was first linked to on this page. */
  incidents: IncidentLink[];
  /** The findings first attributed to it on this page, each as it stands (then). */
  findings: AttributedFinding[];
  namings: NamingFact[];
  /** With their status (then). */
  recommendations: RecommendationRecord[];
  /** With their status: decided, implemented, reversed or lapsed (then). */
  decisions: DecisionRecord[];
  /** Each with all the replies to it (then), whatever page they were recorded on. */
  notifications: NotificationFact[];
  /** Replies to notifications this history does not hold. */
  otherResponses: ResponseFact[];
  evaluations: EvaluationFact[];
  commendations: CommendationFact[];
  /** Pass as `after` for the next page: the position of the last fact on this one; null on the last. */
  next: number | null;
}

export interface ContingentHistoryQuery {
  /** As of this global position (inclusive); now when undefined. */
  upTo?: number;
  /** Cursor: the `next` of the previous page. */
  after?: number;
  /** Most facts on a page (default 100, at most 1000): no answer grows with the unit's whole life. */
  limit?: number;
}

type EventRow = Pick<
  EnvelopeRow,
  'global_position' | 'type' | 'schema_version' | 'recorded_at' | 'occurred_at' | 'data'
>;
type FactRow = EventRow & { kind: FactKind; subject_id: string | null };

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

const json = (values: readonly string[]): string => JSON.stringify(values);

/** Facts read from elsewhere, as of the same position: their event's data is not needed. */
const ABOUT_SUBJECT = (['incident_link', 'finding', 'recommendation', 'decision'] as const)
  .map((kind) => `'${kind}'`)
  .join(', ');
const upToOf = (upTo: number | undefined): number => upTo ?? Number.MAX_SAFE_INTEGER;

/**
 * One page of everything the ledger holds about one contingent, each part in the order it was
 * recorded, now or as of `upTo`. It reads the contingent-history read model, the envelopes from
 * the audit trail, and the state of things from the contingents, incidents and follow-through
 * read models, all as of the same position; its cost follows the page, not the unit's life.
 */
export function getContingentHistory(
  db: SqliteDatabase,
  contingentId: string,
  query: ContingentHistoryQuery = {},
): ContingentHistory {
  const { upTo } = query;
  const stored = contingentStates.get(db, contingentId, upTo);
  const contingent = stored === null ? null : shownContingentState(stored);
  const { rows, next } = factRows(db, contingentId, query);
  const of = <T>(kind: FactKind): T[] =>
    rows.filter((row) => row.kind === kind).map((row) => factOf(eventFactsOf(row)) as T);
  const subjectsOf = (kind: FactKind): string[] =>
    rows.filter((row) => row.kind === kind).map((row) => row.subject_id as string);

  const notificationIds = subjectsOf('notification');
  const replies = repliesTo(db, contingentId, notificationIds, upTo);
  const notifications = of<Omit<NotificationFact, 'responses'>>('notification').map((n) => ({
    ...n,
    responses: replies.filter((r) => r.regarding === n.notificationId),
  }));
  const answered = notifiedOf(db, contingentId, subjectsOf('response'), upTo);
  return {
    contingentId,
    contingent,
    deployments: contingent?.deployments ?? [],
    rotations: of<RotationFact>('rotation'),
    reHattings: of<ReHattingFact>('re_hatting'),
    withdrawals: of<WithdrawalFact>('withdrawal'),
    returns: of<ReturnFact>('return'),
    incidents: incidentLinks(
      db,
      rows.filter((row) => row.kind === 'incident_link'),
      upTo,
    ),
    findings: attributedFindings(db, contingentId, subjectsOf('finding'), upTo),
    namings: of<NamingFact>('naming'),
    recommendations: documentsOf(recommendations, db, subjectsOf('recommendation'), upTo),
    decisions: documentsOf(decisions, db, subjectsOf('decision'), upTo),
    notifications,
    otherResponses: of<ResponseFact>('response').filter((r) => !answered.has(r.regarding)),
    evaluations: of<EvaluationFact>('evaluation'),
    commendations: of<CommendationFact>('commendation'),
    next,
  };
}

/** The page's facts with their events; a page never splits the facts of one event. */
function factRows(
  db: SqliteDatabase,
  contingentId: string,
  { upTo, after, limit }: ContingentHistoryQuery,
): { rows: FactRow[]; next: number | null } {
  const size = pageSize(limit);
  // The facts told by what they are about (links, findings, recommendations, decisions) need
  // their event's position and time only: leaving its data unread spares its pages.
  const select = `SELECT f.kind, f.subject_id, e.global_position, e.type, e.schema_version,
      e.recorded_at, e.occurred_at,
      CASE WHEN f.kind IN (${ABOUT_SUBJECT}) THEN '{}' ELSE e.data END AS data
    FROM ${FACTS_TABLE} f JOIN ${ENVELOPES} e ON e.global_position = f.position
    WHERE f.contingent_id = ?`;
  const rows = db
    .prepare(`${select} AND f.position > ? AND f.position <= ? ORDER BY f.position LIMIT ?`)
    .all(contingentId, after ?? -1, upToOf(upTo), size + 1) as FactRow[];
  if (rows.length <= size) return { rows, next: null };
  const last = rows[size - 1].global_position;
  const page = rows.slice(0, size);
  if (rows[size].global_position === last) {
    const rest = db
      .prepare(`${select} AND f.position = ? ORDER BY f.kind`)
      .all(contingentId, last) as FactRow[];
    const onPage = new Set(page.map((row) => `${row.kind} ${row.subject_id}`));
    page.push(...rest.filter((row) => !onPage.has(`${row.kind} ${row.subject_id}`)));
  }
  const more = db
    .prepare(
      `SELECT 1 FROM ${FACTS_TABLE} WHERE contingent_id = ? AND position > ? AND position <= ? LIMIT 1`,
    )
    .get(contingentId, last, upToOf(upTo));
  return { rows: page, next: more === undefined ? null : last };
}

/** The event's data without the contingent id it is filed under, and when it was recorded. */
function factOf(event: EventFacts): Record<string, unknown> {
  const {
    contingentId: _contingentId,
    personal: _personal,
    ...details
  } = ledgerEventOf(event).data as Record<string, unknown>;
  return { ...details, ...recordedOf(event) };
}

/**
 * The unit's replies to these notifications, up to `upTo`, in the order recorded: found by the
 * notifications (the `+` keeps SQLite from walking the unit's whole history instead).
 */
function repliesTo(
  db: SqliteDatabase,
  contingentId: string,
  notificationIds: string[],
  upTo: number | undefined,
): ResponseFact[] {
  if (notificationIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT ${eventColumnsOf('e')} FROM ${FACTS_TABLE} f
       JOIN ${ENVELOPES} e ON e.global_position = f.position
       WHERE f.subject_id IN (SELECT value FROM json_each(?)) AND f.kind = 'response'
         AND +f.position <= ? AND +f.contingent_id = ?
       ORDER BY f.position`,
    )
    .all(json(notificationIds), upToOf(upTo), contingentId) as EventRow[];
  return rows.map((row) => factOf(eventFactsOf(row)) as unknown as ResponseFact);
}

/** Which of these notifications the unit's history holds (by `upTo`). */
function notifiedOf(
  db: SqliteDatabase,
  contingentId: string,
  notificationIds: string[],
  upTo: number | undefined,
): Set<string> {
  if (notificationIds.length === 0) return new Set();
  const held = db
    .prepare(
      `SELECT subject_id FROM ${FACTS_TABLE}
       WHERE subject_id IN (SELECT value FROM json_each(?)) AND kind = 'notification'
         AND +position <= ? AND +contingent_id = ?`,
    )
    .pluck()
    .all(json(notificationIds), upToOf(upTo), contingentId) as string[];
  return new Set(held);
}

/** Each document as it stood at `upTo` (now when undefined), in the order of the ids. */
function documentsOf<Doc>(
  table: { get(db: SqliteDatabase, id: string, upTo?: number): Doc | null },
  db: SqliteDatabase,
  ids: string[],
  upTo: number | undefined,
): Doc[] {
  return ids.flatMap((id) => {
    const doc = table.get(db, id, upTo);
    return doc === null ? [] : [doc];
  });
}

type IncidentFacts = NonNullable<IncidentLink['incident']>;

/** The linked incidents' facts, read in one query and without decoding whole summaries. */
function incidentLinks(
  db: SqliteDatabase,
  links: FactRow[],
  upTo: number | undefined,
): IncidentLink[] {
  if (links.length === 0) return [];
  const versions = versionsAt(upTo);
  const rows = db
    .prepare(
      `SELECT id, mission_code AS missionCode, category,
              json_extract(doc, '$.occurredAt') AS occurredAt,
              json_extract(doc, '$.summary') AS summary, status
       FROM ${incidentSummaries.name}
       WHERE id IN (SELECT value FROM json_each(?)) AND ${versions.sql}`,
    )
    .all(json(links.map((link) => link.subject_id as string)), ...versions.params) as ({
    id: string;
  } & IncidentFacts)[];
  const incidents = new Map(rows.map(({ id, ...incident }) => [id, incident]));
  return links.map((link) => {
    const incidentId = link.subject_id as string;
    return {
      incidentId,
      linked: { position: link.global_position, recordedAt: link.recorded_at },
      incident: incidents.get(incidentId) ?? null,
    };
  });
}

/** These findings, each folded from its events (up to `upTo`) to how it stands (then). */
function attributedFindings(
  db: SqliteDatabase,
  contingentId: string,
  findingIds: string[],
  upTo: number | undefined,
): AttributedFinding[] {
  if (findingIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT ${eventColumnsOf('e')} FROM ${FINDING_EVENTS_TABLE} f
       JOIN ${ENVELOPES} e ON e.global_position = f.position
       WHERE f.finding_id IN (SELECT value FROM json_each(?)) AND f.position <= ?
       ORDER BY f.position`,
    )
    .all(json(findingIds), upToOf(upTo)) as EventRow[];
  const findings = new Map<string, FindingRecord | null>();
  for (const event of rows.map(eventFactsOf)) {
    const findingId = findingIdOf(event);
    if (findingId === null) continue;
    findings.set(findingId, evolveFinding(findings.get(findingId) ?? null, event));
  }
  return findingIds
    .map((id) => findings.get(id))
    .filter((finding): finding is FindingRecord => finding !== null && finding !== undefined)
    .map((finding) => ({ ...finding, attributedNow: unitsOf(finding).includes(contingentId) }));
}
