import type { QueryIndex } from '../projection';

/**
 * Which events make up each contingent's history: one row per fact, with the global position
 * of its event (a history as of P reads the rows up to P) and what it is about (`subject_id`).
 */
export const FACTS_TABLE = 'contingent_history_facts';
/** The events of each finding (recorded, revised, withdrawn), by position. */
export const FINDING_EVENTS_TABLE = 'contingent_history_finding_events';

/**
 * The kinds of fact a contingent's history holds, one per event and contingent, each about
 * something (`subject_id`): a rotation, evaluation, commendation, notification or naming (its
 * id); a reply (the notification it answers); an incident the unit was first linked to, a
 * finding first attributed to it, a recommendation or decision about it (their ids); a
 * re-hatting, a withdrawal or a return (about nothing else).
 */
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
  | 'incident_link'
  | 'finding'
  | 'recommendation'
  | 'decision';

/** Kinds kept once per contingent and subject: the first link, the first attribution. */
export const FIRST_ONLY: readonly FactKind[] = ['incident_link', 'finding'];

export const queryIndexes: QueryIndex[] = [
  {
    name: `${FACTS_TABLE}_by_contingent`,
    table: FACTS_TABLE,
    columns: ['contingent_id', 'position'],
  },
  // A page's notifications, with the replies to them from any page: by what they are about.
  {
    name: `${FACTS_TABLE}_notifications`,
    table: FACTS_TABLE,
    columns: ['subject_id', 'position'],
    where: `kind = 'notification'`,
  },
  {
    name: `${FACTS_TABLE}_replies`,
    table: FACTS_TABLE,
    columns: ['subject_id', 'position'],
    where: `kind = 'response'`,
  },
  {
    name: `${FINDING_EVENTS_TABLE}_by_finding`,
    table: FINDING_EVENTS_TABLE,
    columns: ['finding_id', 'position'],
  },
];
