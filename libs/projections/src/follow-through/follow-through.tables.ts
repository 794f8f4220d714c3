import { consequenceState, type DecisionRecord } from '../documents/decision-record';
import type { RecommendationRecord } from '../documents/recommendation-record';
import type { QueryIndex } from '../projection';
import { DocumentTable } from '../sqlite/document-table';

/** Investigation id → when its first finding was recorded. */
export const INVESTIGATIONS_TABLE = 'follow_through_investigations';
/** Investigation id → the incidents it covers. */
export const INVESTIGATION_INCIDENTS_TABLE = 'follow_through_investigation_incidents';
/** Incident id → when it occurred, after amendments. */
export const INCIDENTS_TABLE = 'follow_through_incidents';
/** Finding id → its investigation (a lookup the API needs), when and where it was recorded. */
export const FINDINGS_TABLE = 'follow_through_findings';

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

export const documentTables = [recommendations, decisions];

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
