import type { QueryIndex } from '../projection';

/** Which events make up each contingent's history, by position and kind. */
export const FACTS_TABLE = 'contingent_history_facts';
/** The events of each finding (recorded, revised, withdrawn), by position. */
export const FINDING_EVENTS_TABLE = 'contingent_history_finding_events';
/** The contingents each finding was ever attributed to at unit level. */
export const FINDING_UNITS_TABLE = 'contingent_history_finding_units';

/** The kinds of fact a contingent's history holds, one per event and contingent. */
export type FactKind =
  | 'rotation'
  | 're_hatting'
  | 'withdrawal'
  | 'return'
  | 'evaluation'
  | 'commendation'
  | 'notification'
  | 'response'
  | 'naming'
  | 'incident_link';

export const queryIndexes: QueryIndex[] = [
  {
    name: `${FACTS_TABLE}_by_contingent`,
    table: FACTS_TABLE,
    columns: ['contingent_id', 'position'],
  },
  {
    name: `${FINDING_EVENTS_TABLE}_by_finding`,
    table: FINDING_EVENTS_TABLE,
    columns: ['finding_id', 'position'],
  },
  {
    name: `${FINDING_UNITS_TABLE}_by_contingent`,
    table: FINDING_UNITS_TABLE,
    columns: ['contingent_id', 'finding_id'],
  },
];
