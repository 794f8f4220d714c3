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

export const DECISION_SCOPES = values('unit', 'commander', 'individuals');
export type DecisionScope = (typeof DECISION_SCOPES)[number];

export const DECISION_OUTCOMES = values('repatriate', 'retain', 'defer');
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

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
