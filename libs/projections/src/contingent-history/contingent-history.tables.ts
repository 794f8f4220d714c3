import type { ContingentState } from '../documents/contingent-state';
import type { DecisionRecord } from '../documents/decision-record';
import type { FindingRecord } from '../documents/finding-record';
import type { IncidentSummary } from '../documents/incident-summary';
import type { RecommendationRecord } from '../documents/recommendation-record';
import { DocumentTable } from '../sqlite/document-table';

export const FACTS_TABLE = 'contingent_history_facts';
export const FINDING_UNITS_TABLE = 'contingent_history_finding_units';

/** The append-only facts of a contingent's history, one per event and contingent. */
export type FactKind =
  | 'rotation'
  | 're_hatting'
  | 'evaluation'
  | 'commendation'
  | 'notification'
  | 'response'
  | 'naming'
  | 'incident_link';

export const contingents = new DocumentTable<ContingentState>({
  table: 'contingent_history_contingents',
  columns: [],
  indexes: [],
});

export const incidents = new DocumentTable<IncidentSummary>({
  table: 'contingent_history_incidents',
  columns: [],
  indexes: [],
});

export const findings = new DocumentTable<FindingRecord>({
  table: 'contingent_history_findings',
  columns: [{ name: 'position', type: 'INTEGER', value: (d) => d.recorded.position }],
  indexes: [],
});

export const recommendations = new DocumentTable<RecommendationRecord>({
  table: 'contingent_history_recommendations',
  columns: [
    { name: 'contingent_id', type: 'TEXT', value: (d) => d.contingentId },
    { name: 'position', type: 'INTEGER', value: (d) => d.issued.position },
  ],
  indexes: [['contingent_id', 'position']],
});

export const decisions = new DocumentTable<DecisionRecord>({
  table: 'contingent_history_decisions',
  columns: [
    { name: 'contingent_id', type: 'TEXT', value: (d) => d.contingentId },
    { name: 'position', type: 'INTEGER', value: (d) => d.recorded.position },
  ],
  indexes: [['contingent_id', 'position']],
});

export const documentTables = [contingents, incidents, findings, recommendations, decisions];
