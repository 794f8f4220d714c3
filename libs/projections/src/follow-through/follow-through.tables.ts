import { consequenceState, type DecisionRecord } from '../documents/decision-record';
import type { RecommendationRecord } from '../documents/recommendation-record';
import type { QueryIndex } from '../projection';
import { DocumentTable } from '../sqlite/document-table';
import { toMillis } from '../support/time';

/**
 * Investigation id → when its first finding was recorded, and at which position (a read as of
 * an earlier position sees none). Written when the investigation is opened.
 */
export const INVESTIGATIONS_TABLE = 'follow_through_investigations';
/**
 * Investigation id → the incidents it covers, written when it is opened and never changed: a
 * read as of P reaches only investigations opened by P, through the decisions valid at P.
 */
export const INVESTIGATION_INCIDENTS_TABLE = 'follow_through_investigation_incidents';
/**
 * Finding id → its investigation (a lookup the command path needs), when and at which position
 * it was recorded (a read as of P counts the findings recorded by P only).
 */
export const FINDINGS_TABLE = 'follow_through_findings';

/**
 * When an incident occurred, after the amendments made so far, and when the ledger learnt of it
 * (the recorded time of its report, which the durations count from).
 */
export interface IncidentOccurrence {
  incidentId: string;
  occurredAt: string;
  reportedAt: string;
}

/** Incident id → when it occurred, versioned like every document (amendments move it). */
export const incidents = new DocumentTable<IncidentOccurrence>({
  table: 'follow_through_incidents',
  columns: [
    { name: 'occurred_at', type: 'TEXT', value: (d) => d.occurredAt },
    { name: 'occurred_ms', type: 'INTEGER', value: (d) => toMillis(d.occurredAt) },
    { name: 'reported_at', type: 'TEXT', value: (d) => d.reportedAt },
  ],
  indexes: [],
});

export const recommendations = new DocumentTable<RecommendationRecord>({
  table: 'follow_through_recommendations',
  columns: [
    { name: 'status', type: 'TEXT', value: (d) => d.status },
    { name: 'action', type: 'TEXT', value: (d) => d.action },
    { name: 'investigation_id', type: 'TEXT', value: (d) => d.investigationId },
    { name: 'contingent_id', type: 'TEXT', value: (d) => d.contingentId },
    { name: 'appointment_id', type: 'TEXT', value: (d) => d.appointmentId },
    { name: 'position', type: 'INTEGER', value: (d) => d.issued.position },
  ],
  indexes: [
    ['position'],
    ['status', 'position'],
    ['contingent_id', 'position'],
    ['appointment_id', 'position'],
  ],
});

export const decisions = new DocumentTable<DecisionRecord>({
  table: 'follow_through_decisions',
  columns: [
    { name: 'outcome', type: 'TEXT', value: (d) => d.outcome },
    { name: 'status', type: 'TEXT', value: (d) => d.status },
    {
      name: 'recommendation_id',
      type: 'TEXT',
      value: (d) => d.recommendation?.recommendationId ?? null,
    },
    {
      name: 'investigation_id',
      type: 'TEXT',
      value: (d) => d.recommendation?.investigationId ?? null,
    },
    { name: 'recommended_action', type: 'TEXT', value: (d) => d.recommendation?.action ?? null },
    { name: 'contingent_id', type: 'TEXT', value: (d) => d.contingentId },
    { name: 'appointment_id', type: 'TEXT', value: (d) => d.appointmentId },
    { name: 'consequence', type: 'TEXT', value: consequenceState },
    { name: 'decided_at', type: 'TEXT', value: (d) => d.decidedAt },
    { name: 'recorded_at', type: 'TEXT', value: (d) => d.recorded.recordedAt },
    { name: 'position', type: 'INTEGER', value: (d) => d.recorded.position },
  ],
  indexes: [
    ['position'],
    ['outcome', 'status', 'position'],
    ['contingent_id', 'position'],
    ['appointment_id', 'position'],
    ['consequence', 'position'],
  ],
});

export const documentTables = [recommendations, decisions, incidents];

export const queryIndexes: QueryIndex[] = [
  ...documentTables.flatMap((table) => table.queryIndexes),
  {
    name: `${INVESTIGATION_INCIDENTS_TABLE}_by_investigation`,
    table: INVESTIGATION_INCIDENTS_TABLE,
    columns: ['investigation_id'],
  },
  { name: `${FINDINGS_TABLE}_by_finding`, table: FINDINGS_TABLE, columns: ['finding_id'] },
  {
    name: `${FINDINGS_TABLE}_by_investigation`,
    table: FINDINGS_TABLE,
    columns: ['investigation_id', 'position'],
  },
];
