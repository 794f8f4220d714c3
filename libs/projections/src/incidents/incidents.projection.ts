import {
  evolveIncidentSummary,
  incidentIdsOf,
  type IncidentSummary,
} from '../documents/incident-summary';
import { batched, type Projection } from '../projection';
import { DocumentTable } from '../sqlite/document-table';
import { toMillis } from '../support/time';

export const incidentSummaries = new DocumentTable<IncidentSummary>({
  table: 'incident_summaries',
  columns: [
    { name: 'mission_code', type: 'TEXT', value: (d) => d.missionCode },
    { name: 'category', type: 'TEXT', value: (d) => d.category },
    { name: 'status', type: 'TEXT', value: (d) => d.status },
    { name: 'position', type: 'INTEGER', value: (d) => d.reported.position },
    { name: 'occurred_ms', type: 'INTEGER', value: (d) => toMillis(d.occurredAt) },
    { name: 'recorded_ms', type: 'INTEGER', value: (d) => toMillis(d.reported.recordedAt) },
  ],
  indexes: [
    ['position'],
    ['mission_code', 'position'],
    ['category', 'position'],
    ['status', 'position'],
    ['occurred_ms', 'position'],
    ['recorded_ms', 'position'],
  ],
});

/** Each incident's current facts, status and links, for the incident list and summary. */
export const incidentsProjection: Projection = {
  name: 'incidents',
  // 2: every version of each summary, valid from the event that made it (answers as of any position).
  // 3: occurred and recorded times as columns, for the search by time and the order by occurrence.
  version: 3,
  queryIndexes: () => incidentSummaries.queryIndexes,
  setup: (db) => incidentSummaries.create(db),
  reset: (db) => incidentSummaries.drop(db),
  ...batched((db) => {
    const summaries = incidentSummaries.session(db);
    return {
      apply(event) {
        for (const incidentId of incidentIdsOf(event)) {
          summaries.update(incidentId, (doc) => evolveIncidentSummary(doc, event));
        }
      },
      flush: () => summaries.flush(),
    };
  }),
};
