import {
  allowanceOf,
  DAY_MS,
  DEADLINE_RULES,
  deadlineRuleOf,
  dueOf,
  outcomeAt,
  type DeadlineBasis,
  type DeadlineKind,
  type DeadlinePolicy,
  type DeadlineStatus,
} from '@blue-ledger/domain';
import type { SqliteDatabase } from '../sqlite/database';
import { pageOf, pageSize, type Page } from '../sqlite/page';
import type { DeadlineRecord } from './deadline-record';
import { deadlines } from './deadlines.tables';

/** A deadline as read at an instant: its due date under the ledger's policy, and its status then. */
export interface DeadlineView {
  deadlineId: string;
  kind: DeadlineKind;
  streamId: string;
  contingentId?: string;
  appointmentId?: string;
  country?: string;
  missionCode?: string;
  notificationId?: string;
  investigationId?: string;
  recommendationId?: string;
  incidentIds?: string[];
  startedAt: string;
  dueAt: string;
  metAt?: string;
  status: DeadlineStatus;
  workingDaysLate?: number;
  daysLate?: number;
}

export interface DeadlineQuery {
  status?: DeadlineStatus;
  kind?: DeadlineKind;
  country?: string;
  mission?: string;
  contingentId?: string;
  appointmentId?: string;
  after?: number;
  limit?: number;
  /** As known once the events up to this global position (inclusive) were recorded; now when undefined. */
  upTo?: number;
}

/** How each rule is applied, as an answer states it. */
export interface DeadlineDefinition {
  kind: DeadlineKind;
  startsWhen: string;
  metWhen: string;
  /** e.g. "5 working days", "30 days", "until the investigation's dueBy". */
  allowed: string;
  basis: DeadlineBasis;
  /** For the ledger's own windows: the setting that sets them. */
  setting?: string;
  source: string;
}

export const WORKING_DAYS =
  'Working days are Monday to Friday; public holidays are not counted. A limit in days runs to the end of its last day, in the UTC offset of the instant it starts from; the day it starts on is not counted.';

export const POLICY_NOTE =
  'tcc_reply and recommendation_decision are the ledger’s own policy (LEDGER_REPLY_WINDOW_DAYS, LEDGER_DECISION_WINDOW_DAYS), not law.';

export function deadlineDefinitions(policy: DeadlinePolicy): DeadlineDefinition[] {
  return DEADLINE_RULES.map((rule) => {
    const allowance = allowanceOf(rule, policy);
    const allowed =
      'workingDays' in allowance
        ? `${allowance.workingDays} working days`
        : 'days' in allowance
          ? `${allowance.days} days`
          : "until the investigation's dueBy";
    return {
      kind: rule.kind,
      startsWhen: rule.startsWhen,
      metWhen: rule.metWhen,
      allowed,
      basis: rule.basis,
      ...('policy' in rule.allowed ? { setting: rule.allowed.setting } : {}),
      source: rule.source,
    };
  });
}

const STATUS_CONDITION: Record<DeadlineStatus, string> = {
  open: '(met_ms IS NULL OR met_ms > @clock) AND due > @clock',
  overdue: '(met_ms IS NULL OR met_ms > @clock) AND due <= @clock',
  met: 'met_ms <= @clock AND met_ms < due',
  missed: 'met_ms <= @clock AND met_ms >= due',
};

/** Which versions of the deadlines a read sees: the current ones, or those valid at `upTo`. */
function versionsCondition(upTo: number | undefined): string {
  return upTo === undefined
    ? 'valid_to IS NULL'
    : 'valid_from <= @upTo AND (valid_to IS NULL OR valid_to > @upTo)';
}

/**
 * Deadlines in the order they started (the kinds one event starts in the order of the rules),
 * filtered, one page at a time, each with its status at `clockMs`: now, or with `upTo` as the
 * ledger knew them once the events up to that position were recorded (a meeting recorded
 * after it does not count, whenever it happened). The ledger's windows come from `policy`,
 * applied here: a changed window applies to every deadline of its kind.
 */
export function listDeadlines(
  db: SqliteDatabase,
  query: DeadlineQuery,
  policy: DeadlinePolicy,
  clockMs: number,
): Page<DeadlineView> {
  const conditions = [versionsCondition(query.upTo), 'applies = 1', 'seq > @after'];
  const params: Record<string, string | number> = {
    ...(query.upTo === undefined ? {} : { upTo: query.upTo }),
    after: query.after ?? -1,
    clock: clockMs,
    reply: policy.replyWindowDays,
    decision: policy.decisionWindowDays,
    day: DAY_MS,
  };
  const filter = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    conditions.push(`${column} = @${column}`);
    params[column] = value;
  };
  filter('kind', query.kind);
  filter('country', query.country);
  filter('mission_code', query.mission);
  filter('contingent_id', query.contingentId);
  filter('appointment_id', query.appointmentId);
  if (query.status !== undefined) conditions.push(STATUS_CONDITION[query.status]);
  const size = pageSize(query.limit);
  const rows = db
    .prepare(
      `SELECT seq, doc FROM (
         SELECT seq, doc, valid_from, valid_to, applies, kind, country, mission_code, contingent_id, appointment_id, met_ms,
                COALESCE(due_ms, start_day_ms + (CASE kind
                  WHEN 'tcc_reply' THEN @reply WHEN 'recommendation_decision' THEN @decision ELSE 0
                END + 1) * @day) AS due
           FROM ${deadlines.name})
       WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT @limit`,
    )
    .all({ ...params, limit: size + 1 }) as { seq: number; doc: string }[];
  return pageOf(
    rows,
    size,
    (row) => row.seq,
    (row) => viewOf(JSON.parse(row.doc) as DeadlineRecord, policy, clockMs),
  );
}

/** Which deadlines about a unit or a leader to read, and as of when. */
export interface DeadlinesOfQuery {
  /** As known once the events up to this global position (inclusive) were recorded; now when undefined. */
  upTo?: number;
  /** Only those started by an event after this position (a page of a history: its cursor). */
  startedAfter?: number;
  /** Only those started by an event at or before this position (a page of a history: its end). */
  startedThrough?: number;
}

/**
 * Every deadline about a unit or a leader, in the order they started, with their status at
 * `clockMs`: now, or with `upTo` as the ledger knew them then. `startedAfter` and
 * `startedThrough` keep those started within a page of a history.
 */
export function deadlinesOf(
  db: SqliteDatabase,
  about: { contingentId: string } | { appointmentId: string },
  policy: DeadlinePolicy,
  clockMs: number,
  query: DeadlinesOfQuery = {},
): DeadlineView[] {
  const [column, value] =
    'contingentId' in about
      ? ['contingent_id', about.contingentId]
      : ['appointment_id', about.appointmentId];
  const { upTo, startedAfter, startedThrough } = query;
  const docs = db
    .prepare(
      `SELECT doc FROM ${deadlines.name}
       WHERE ${column} = @value AND ${versionsCondition(upTo)} AND applies = 1
         AND position > @after AND position <= @through
       ORDER BY seq`,
    )
    .pluck()
    .all({
      value,
      ...(upTo === undefined ? {} : { upTo }),
      after: startedAfter ?? -1,
      through: startedThrough ?? Number.MAX_SAFE_INTEGER,
    }) as string[];
  return docs.map((doc) => viewOf(JSON.parse(doc) as DeadlineRecord, policy, clockMs));
}

export function viewOf(
  record: DeadlineRecord,
  policy: DeadlinePolicy,
  clockMs: number,
): DeadlineView {
  const due = dueOf(
    record.startedAt,
    allowanceOf(deadlineRuleOf(record.kind), policy),
    record.dueBy ?? undefined,
  );
  const outcome = outcomeAt(due, record.metAt, clockMs);
  const optional = <K extends string, V>(key: K, value: V | null) =>
    (value === null ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    deadlineId: record.deadlineId,
    kind: record.kind,
    streamId: record.streamId,
    ...optional('contingentId', record.contingentId),
    ...optional('appointmentId', record.appointmentId),
    ...optional('country', record.country),
    ...optional('missionCode', record.missionCode),
    ...optional('notificationId', record.notificationId),
    ...optional('investigationId', record.investigationId),
    ...optional('recommendationId', record.recommendationId),
    ...(record.incidentIds.length > 0 ? { incidentIds: record.incidentIds } : {}),
    startedAt: record.startedAt,
    dueAt: due.dueAt,
    // A meeting dated after the clock has not happened yet, as the clock reads.
    ...optional(
      'metAt',
      outcome.status === 'met' || outcome.status === 'missed' ? record.metAt : null,
    ),
    ...outcome,
  };
}
