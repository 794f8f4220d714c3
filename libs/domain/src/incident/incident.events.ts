import type { DomainEvent, IncidentCategory, PersonalData, SubjectReference } from '../shared';

export interface IncidentLocation {
  name: string;
  latitude?: number;
  longitude?: number;
}

export interface Casualties {
  civiliansKilled?: number;
  civiliansInjured?: number;
  peacekeepersKilled?: number;
  peacekeepersInjured?: number;
}

/**
 * The fields an amendment may change. A type alias, not an interface: event data must be
 * assignable to `Record<string, unknown>` (the Decider's event constraint), and an interface
 * in the intersection below would not be.
 */
export type IncidentFacts = {
  occurredAt: string;
  location: IncidentLocation;
  category: IncidentCategory;
  summary: string;
  casualties: Casualties;
};

export type IncidentReported = DomainEvent<
  'IncidentReported',
  IncidentFacts & {
    incidentId: string;
    missionCode: string;
    contingentIds: string[];
    /** Victims, witnesses, alleged perpetrators: by subject id only. */
    subjects: SubjectReference[];
    personal?: PersonalData;
  }
>;

/** A correction: what changed, and why. The original report stays in the record. */
export type IncidentAmended = DomainEvent<
  'IncidentAmended',
  { incidentId: string; changes: Partial<IncidentFacts>; reason: string }
>;

export type IncidentUnitsLinked = DomainEvent<
  'IncidentUnitsLinked',
  { incidentId: string; contingentIds: string[] }
>;

export type IncidentClosed = DomainEvent<'IncidentClosed', { incidentId: string; reason: string }>;

export type IncidentReopened = DomainEvent<
  'IncidentReopened',
  { incidentId: string; reason: string }
>;

/**
 * An investigator made responsible for the incident (besides whoever reported it and the
 * investigators of the investigations that cover it): it may then change the incident, open
 * investigations into it, and read the personal details recorded in it.
 */
export type IncidentInvestigatorAssigned = DomainEvent<
  'IncidentInvestigatorAssigned',
  { incidentId: string; investigatorId: string }
>;

export type IncidentEvent =
  | IncidentReported
  | IncidentAmended
  | IncidentUnitsLinked
  | IncidentClosed
  | IncidentReopened
  | IncidentInvestigatorAssigned;
export type IncidentEventType = IncidentEvent['type'];
