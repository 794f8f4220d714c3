import type {
  DomainEvent,
  EvaluationRating,
  NotificationChannel,
  PersonalData,
  UnitType,
  WithdrawalBy,
} from '../shared';

export type ContingentRegistered = DomainEvent<
  'ContingentRegistered',
  {
    contingentId: string;
    /** ISO 3166-1 alpha-3 of the contributing country. */
    country: string;
    unitType: UnitType;
    /** How the unit is known, e.g. "ETHBATT-1" or "Nepalese FPU". */
    designation: string;
    missionCode: string;
    sector?: string;
    strength?: number;
    /** When the unit deployed, where the ledger knows it; its strength is counted from then on. */
    deployedAt?: string;
  }
>;

/** New personnel and commander; the unit stays the same for accountability. */
export type ContingentRotated = DomainEvent<
  'ContingentRotated',
  {
    contingentId: string;
    rotationId: string;
    startedAt: string;
    strength?: number;
    commanderSubjectId?: string;
    /** Personal details of the commander, keyed by subject id (encryptable, erasable). */
    personal?: PersonalData;
  }
>;

/** Moved from a regional or partner operation into a UN mission, keeping its history. */
export type ContingentReHatted = DomainEvent<
  'ContingentReHatted',
  {
    contingentId: string;
    fromOperation: string;
    fromMissionCode: string;
    toMissionCode: string;
    at: string;
  }
>;

export type ContingentEvaluated = DomainEvent<
  'ContingentEvaluated',
  {
    contingentId: string;
    evaluationId: string;
    evaluatedAt: string;
    rating: EvaluationRating;
    summary: string;
  }
>;

export type ContingentCommended = DomainEvent<
  'ContingentCommended',
  { contingentId: string; commendationId: string; at: string; citation: string }
>;

/** The contributing country was told that its unit is the subject of an allegation or finding. */
export type TccNotified = DomainEvent<
  'TccNotified',
  {
    contingentId: string;
    notificationId: string;
    country: string;
    /** The stream the notification is about: an incident, investigation or decision. */
    subjectStreamId: string;
    notifiedAt: string;
    channel: NotificationChannel;
  }
>;

/** The contributing country's reply: part of the record. */
export type TccResponseRecorded = DomainEvent<
  'TccResponseRecorded',
  {
    contingentId: string;
    responseId: string;
    country: string;
    /** The notification id this reply answers. */
    regarding: string;
    statement: string;
    respondedAt: string;
  }
>;

/**
 * The unit left its mission: withdrawn by its country (in protest, or at the end of its
 * deployment) or by the UN; with a decision id, repatriated by that decision's implementation.
 */
export type ContingentWithdrawn = DomainEvent<
  'ContingentWithdrawn',
  {
    contingentId: string;
    at: string;
    by: WithdrawalBy;
    reason: string;
    /** The repatriation decision (scope unit) whose implementation this withdrawal records. */
    decisionId?: string;
  }
>;

/** The unit came back to the mission it left; at the strength given, or the one it left with. */
export type ContingentReturned = DomainEvent<
  'ContingentReturned',
  { contingentId: string; at: string; strength?: number }
>;

/** A place where a data set reports the unit, with its part of the strength where the source gives it. */
export type ReportedLocation = { name: string; strength: number | null };

/**
 * A data set's figure for the unit over a period, e.g. a monthly contribution report (the
 * month it reports on) or a yearly estimate of deployments by location (the calendar year).
 * The figure holds for `[from, to)` only. `strength` is the count the source gives, the sum of
 * the known parts where it gives places; null when it says the unit was there without saying
 * how many.
 */
export type ContingentStrengthReported = DomainEvent<
  'ContingentStrengthReported',
  {
    contingentId: string;
    reportId: string;
    /** The data set, e.g. `ipi-contributions`, `geo-pko`. */
    source: string;
    from: string;
    to: string;
    strength: number | null;
    /** Where the unit was, as the source names the places. */
    locations?: ReportedLocation[];
  }
>;

export type ContingentEvent =
  | ContingentRegistered
  | ContingentRotated
  | ContingentReHatted
  | ContingentEvaluated
  | ContingentCommended
  | ContingentWithdrawn
  | ContingentReturned
  | ContingentStrengthReported
  | TccNotified
  | TccResponseRecorded;
export type ContingentEventType = ContingentEvent['type'];
