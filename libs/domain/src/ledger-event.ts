import type { ContingentEvent } from './contingent/contingent.events';
import type { DecisionEvent } from './decision/decision.events';
import type { IncidentEvent } from './incident/incident.events';
import type { InvestigationEvent } from './investigation/investigation.events';
import type { MissionEvent } from './mission/mission.events';
import type { SubjectEvent } from './subject/subject.events';

/** Every event the ledger records. */
export type LedgerEvent =
  | MissionEvent
  | ContingentEvent
  | IncidentEvent
  | InvestigationEvent
  | DecisionEvent
  | SubjectEvent;
export type LedgerEventType = LedgerEvent['type'];

export const streamIds = {
  mission: (code: string) => `mission-${code}`,
  contingent: (id: string) => `contingent-${id}`,
  incident: (id: string) => `incident-${id}`,
  investigation: (id: string) => `investigation-${id}`,
  decision: (id: string) => `decision-${id}`,
  subject: (subjectId: string) => `subject-${subjectId}`,
} as const;

export type StreamCategory = keyof typeof streamIds;

/** The category and id of a stream id such as `incident-0190...`. */
export function parseStreamId(streamId: string): { category: StreamCategory; id: string } | null {
  const dash = streamId.indexOf('-');
  if (dash < 0) return null;
  const category = streamId.slice(0, dash);
  if (!(category in streamIds)) return null;
  return { category: category as StreamCategory, id: streamId.slice(dash + 1) };
}
