import type { DecisionRecord } from '../documents/decision-record';
import type { RecommendationRecord } from '../documents/recommendation-record';
import type { Recorded } from '../support/envelope';
import { DocumentTable } from '../sqlite/document-table';
import { toMillis } from '../support/time';

export const FINDINGS_TABLE = 'follow_through_findings';
export const INVESTIGATION_INCIDENTS_TABLE = 'follow_through_investigation_incidents';

export interface InvestigationProgress {
  investigationId: string;
  incidentIds: string[];
  /** The first finding recorded in it: when the investigation first concluded anything. */
  firstFinding: (Recorded & { findingId: string }) | null;
}

export interface IncidentOccurrence {
  incidentId: string;
  /** The current occurred time, after amendments. */
  occurredAt: string;
}

export const recommendations = new DocumentTable<RecommendationRecord>({
  table: 'follow_through_recommendations',
  columns: [
    { name: 'status', type: 'TEXT', value: (d) => d.status },
    { name: 'action', type: 'TEXT', value: (d) => d.action },
    { name: 'investigation_id', type: 'TEXT', value: (d) => d.investigationId },
    { name: 'contingent_id', type: 'TEXT', value: (d) => d.contingentId },
    { name: 'position', type: 'INTEGER', value: (d) => d.issued.position },
  ],
  indexes: [['position'], ['status', 'position'], ['contingent_id', 'position']],
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
    { name: 'decided_at', type: 'TEXT', value: (d) => d.decidedAt },
    { name: 'position', type: 'INTEGER', value: (d) => d.recorded.position },
  ],
  indexes: [['position'], ['outcome', 'status', 'position'], ['investigation_id']],
});

export const investigations = new DocumentTable<InvestigationProgress>({
  table: 'follow_through_investigations',
  columns: [
    { name: 'first_finding_at', type: 'TEXT', value: (d) => d.firstFinding?.recordedAt ?? null },
  ],
  indexes: [],
});

export const incidents = new DocumentTable<IncidentOccurrence>({
  table: 'follow_through_incidents',
  columns: [
    { name: 'occurred_at', type: 'TEXT', value: (d) => d.occurredAt },
    { name: 'occurred_ms', type: 'INTEGER', value: (d) => toMillis(d.occurredAt) },
  ],
  indexes: [],
});

export const documentTables = [recommendations, decisions, investigations, incidents];
