/** The API's enumerations (snake_case values), from the domain's vocabulary table. */
const values = <T extends string>(...v: T[]): readonly T[] => v;

export const UNIT_TYPES = values(
  'infantry_battalion',
  'formed_police_unit',
  'engineering_company',
  'aviation_unit',
  'medical_unit',
  'force_protection',
  'staff_officers',
  'military_observers',
  'other',
);
export type UnitType = (typeof UNIT_TYPES)[number];

export const INCIDENT_CATEGORIES = values(
  'attack_on_poc_site',
  'attack_on_civilians',
  'failure_to_protect',
  'sexual_exploitation_and_abuse',
  'peacekeeper_fatality',
  'attack_on_peacekeepers',
  'sofa_violation',
  'misconduct',
  'other',
);
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const INVESTIGATION_KINDS = values(
  'mission_internal',
  'board_of_inquiry',
  'special_investigation',
  'independent_special_investigation',
  'oios',
  'national_investigation',
  'strategic_partnership_review',
  'human_rights_inquiry',
);
export type InvestigationKind = (typeof INVESTIGATION_KINDS)[number];

export const EVIDENCE_KINDS = values(
  'document',
  'testimony',
  'imagery',
  'video',
  'audio',
  'forensic',
  'record',
  'other',
);
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const FINDING_CATEGORIES = values(
  'command_and_control',
  'rules_of_engagement',
  'abandonment_of_post',
  'coordination',
  'planning',
  'training',
  'equipment',
  'resourcing',
  'conduct',
  'leadership',
  'mandate',
  'intelligence',
  'other',
);
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export const ATTRIBUTION_LEVELS = values(
  'unit',
  'role',
  'mission_leadership',
  'mission_component',
  'headquarters',
  'member_state',
  'security_council',
);
export type AttributionLevel = (typeof ATTRIBUTION_LEVELS)[number];

export const SEVERITIES = values('low', 'medium', 'high', 'critical');
export type Severity = (typeof SEVERITIES)[number];

export const RECOMMENDATION_ACTIONS = values(
  'repatriate_unit',
  'repatriate_commander',
  'repatriate_individuals',
  'relieve_leader',
  'retrain',
  're_equip',
  'commend',
  'mandate_review',
  'further_investigation',
  'disciplinary_referral',
  'other',
);
export type RecommendationAction = (typeof RECOMMENDATION_ACTIONS)[number];

export const REPATRIATION_ACTIONS: readonly RecommendationAction[] = [
  'repatriate_unit',
  'repatriate_commander',
  'repatriate_individuals',
];

/** The recommendations a decision answers: the repatriations, and relieving a mission leader. */
export const DECIDED_ACTIONS: readonly RecommendationAction[] = [
  ...REPATRIATION_ACTIONS,
  'relieve_leader',
];

/** The scopes that decide on repatriation: a unit, its commander or individuals. */
export const REPATRIATION_SCOPES = values('unit', 'commander', 'individuals');

/** `unit`, `commander`, `individuals` decide on repatriation; `leader` on a mission leader. */
export const DECISION_SCOPES = values(...REPATRIATION_SCOPES, 'leader');
export type DecisionScope = (typeof DECISION_SCOPES)[number];

/** What a decision on repatriation may do. */
export const REPATRIATION_OUTCOMES = values('repatriate', 'retain', 'defer');

/** What a decision about a mission leader (scope `leader`) may do. */
export const LEADER_OUTCOMES = values('relieve', 'retain', 'defer');

/** `repatriate` with the repatriation scopes, `relieve` with scope `leader`; `retain`, `defer` with any. */
export const DECISION_OUTCOMES = values('repatriate', 'relieve', 'retain', 'defer');
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** The mission's leaders, each appointed for a period. */
export const LEADER_ROLES = values(
  'srsg',
  'deputy_srsg',
  'force_commander',
  'deputy_force_commander',
  'police_commissioner',
  'sector_commander',
  'head_of_office',
  'other',
);
export type LeaderRole = (typeof LEADER_ROLES)[number];

/**
 * The posts a mission has one holder of at a time (the head of mission, the head of its
 * military and of its police component): two appointments to one of them never overlap. A
 * mission may have several deputy SRSGs (political; resident and humanitarian coordinator),
 * deputy force commanders (by region), sector commanders and heads of office.
 */
export const SINGLE_HOLDER_ROLES: readonly LeaderRole[] = [
  'srsg',
  'force_commander',
  'police_commissioner',
];

/** The mission leaders who command troops or police: a recommendation may ask to repatriate them. */
export const COMMANDER_ROLES: readonly LeaderRole[] = [
  'force_commander',
  'deputy_force_commander',
  'sector_commander',
  'police_commissioner',
];

export const DEPARTURE_REASONS = values('end_of_assignment', 'relieved', 'resigned', 'other');
export type DepartureReason = (typeof DEPARTURE_REASONS)[number];

/** Who ends a unit's deployment: its country (in protest, or at the end of it), or the UN. */
export const WITHDRAWAL_BY = values('contributing_country', 'united_nations');
export type WithdrawalBy = (typeof WITHDRAWAL_BY)[number];

export const EVALUATION_RATINGS = values(
  'exceeds_standard',
  'meets_standard',
  'below_standard',
  'unsatisfactory',
);
export type EvaluationRating = (typeof EVALUATION_RATINGS)[number];

export const NOTIFICATION_CHANNELS = values(
  'note_verbale',
  'permanent_mission_meeting',
  'email',
  'other',
);
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const ROLES = values(
  'admin',
  'investigator',
  'decision_authority',
  'tcc_liaison',
  'oversight',
  'reviewer',
);
export type Role = (typeof ROLES)[number];
