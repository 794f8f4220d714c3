/**
 * What the read endpoints answer, as far as the end-to-end stories look at it. Only the fields
 * the tests read are declared; the answers carry more.
 */

export interface Actor {
  id: string;
  role: string;
}

export interface TimelineEntry {
  position: number;
  recordedAt: string;
  occurredAt: string | null;
  type: string;
  streamId: string;
  actor: Actor;
  summary: string;
  /** Corrections only: what they changed, from what to what, and why. */
  changes?: { field: string; from: unknown; to: unknown }[];
  reason?: string | null;
}

export interface Timeline {
  incidentId: string;
  asOf: string | null;
  asOfPosition?: string | null;
  order: 'occurred' | 'recorded';
  entries: TimelineEntry[];
}

export interface EventEnvelope {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamRevision: number;
  globalPosition: number;
  recordedAt: string;
  occurredAt?: string;
  actor: Actor;
  correlationId: string;
  causationId: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface EventPage {
  events: EventEnvelope[];
  next: string | null;
}

export interface Attribution {
  level: string;
  contingentId?: string;
  role?: string;
  component?: string;
  country?: string;
}

export interface FindingView {
  findingId: string;
  investigationId: string;
  statement: string;
  category: string;
  severity: string;
  attributions: Attribution[];
  contextFactors: string[];
  evidenceIds: string[];
  withdrawn: unknown;
  attributedNow: boolean;
}

export interface NamingView {
  namingId: string;
  investigationId: string;
  findingIds: string[];
  public: boolean;
}

export interface RecommendationView {
  recommendationId: string;
  investigationId: string;
  action: string;
  contingentId: string | null;
  role: string | null;
  findingIds: string[];
  status: 'undecided' | 'decided' | 'implemented' | 'reversed' | 'lapsed';
  decisions: { decisionId: string; outcome: string; status: string }[];
}

export interface DecisionView {
  decisionId: string;
  contingentId: string;
  scope: string;
  outcome: string;
  authority: string;
  rationale: string;
  reasonForDeviation: string | null;
  recommendation: { recommendationId: string; investigationId: string; action: string } | null;
  status: 'decided' | 'implemented' | 'reversed' | 'lapsed';
  implementedAt: string | null;
  statusNote: string | null;
}

export interface ResponseView {
  responseId: string;
  country: string;
  regarding: string;
  statement: string;
}

export interface NotificationView {
  notificationId: string;
  country: string;
  subjectStreamId: string;
  channel: string;
  responses: ResponseView[];
}

export interface DeadlineView {
  deadlineId: string;
  kind: string;
  streamId: string;
  contingentId?: string;
  appointmentId?: string;
  country?: string;
  missionCode?: string;
  notificationId?: string;
  investigationId?: string;
  recommendationId?: string;
  incidentIds?: string[];
  startedAt: string;
  dueAt: string;
  metAt?: string;
  status: 'open' | 'overdue' | 'met' | 'missed';
  workingDaysLate?: number;
  daysLate?: number;
}

export interface DeadlineList {
  items: DeadlineView[];
  next: string | null;
  clock: string;
  workingDays: string;
  definitions: { kind: string; allowed: string; basis: string; source: string }[];
  asOf: string | null;
  asOfPosition?: string | null;
}

export interface StrengthPeriodView {
  from: string;
  to: string | null;
  strength: number | null;
  missionCode: string;
  status: 'deployed' | 'withdrawn' | 'repatriated';
}

export interface PresenceView {
  status: 'deployed' | 'withdrawn' | 'repatriated';
  since?: string;
  by?: string;
  reason?: string;
  decisionId?: string;
}

export interface ContingentView {
  contingentId: string;
  country: string;
  presence: PresenceView;
  strengthOverTime: StrengthPeriodView[];
  revision: number;
}

export interface AppointmentView {
  appointmentId: string;
  role: string;
  subjectId: string;
  nationality: string;
  appointedAt: string;
  departure: { at: string; reason: string; note?: string; decisionId?: string } | null;
}

export interface MissionView {
  code: string;
  leadership: AppointmentView[];
  asOf: string | null;
}

export interface LeaderHistoryView {
  appointmentId: string;
  missionCode: string;
  appointment: AppointmentView & { missionCode: string };
  findings: (FindingView & { basis: string })[];
  recommendations: RecommendationView[];
  decisions: (DecisionView & { consequence: unknown })[];
  deadlines: DeadlineView[];
  asOf: string | null;
  asOfPosition?: string | null;
}

export interface ContingentHistory {
  contingentId: string;
  contingent: {
    country: string;
    designation: string;
    missionCode: string;
    presence: PresenceView;
  } | null;
  withdrawals: { at: string; by: string; reason: string; decisionId?: string }[];
  returns: { at: string; strength?: number }[];
  deadlines: DeadlineView[];
  rotations: { rotationId: string; startedAt: string }[];
  incidents: { incidentId: string }[];
  findings: FindingView[];
  namings: NamingView[];
  recommendations: RecommendationView[];
  decisions: DecisionView[];
  notifications: NotificationView[];
  evaluations: { evaluationId: string; rating: string; summary: string }[];
  commendations: { commendationId: string; citation: string }[];
}

export interface Page<T> {
  items: T[];
  next: string | null;
}
