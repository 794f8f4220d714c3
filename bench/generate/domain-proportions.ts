import type {
  DecisionOutcome,
  EvaluationRating,
  EvidenceKind,
  FindingCategory,
  IncidentCategory,
  InvestigationKind,
  RecommendationAction,
  Severity,
} from '@blue-ledger/domain';

/**
 * How often each kind of fact occurs in the generated ledger. Relative weights, set from the
 * public record as far as it goes: sexual exploitation and abuse is the most reported kind of
 * misconduct, boards of inquiry and mission investigations far outnumber special ones, and most
 * recommendations ask for retraining or discipline rather than repatriation.
 */
export const INCIDENT_CATEGORIES: Record<
  Exclude<IncidentCategory, 'peacekeeper_fatality'>,
  number
> = {
  sexual_exploitation_and_abuse: 25,
  attack_on_civilians: 18,
  attack_on_peacekeepers: 14,
  misconduct: 14,
  failure_to_protect: 10,
  sofa_violation: 7,
  attack_on_poc_site: 4,
  other: 8,
};

export const INVESTIGATION_KINDS: Record<InvestigationKind, number> = {
  mission_internal: 30,
  board_of_inquiry: 20,
  national_investigation: 15,
  oios: 12,
  special_investigation: 8,
  human_rights_inquiry: 10,
  independent_special_investigation: 3,
  strategic_partnership_review: 2,
};

export const EVIDENCE_KINDS: Record<EvidenceKind, number> = {
  testimony: 35,
  document: 25,
  imagery: 10,
  video: 5,
  audio: 3,
  forensic: 7,
  record: 12,
  other: 3,
};

export const FINDING_CATEGORIES: Record<FindingCategory, number> = {
  conduct: 20,
  command_and_control: 12,
  rules_of_engagement: 8,
  abandonment_of_post: 5,
  coordination: 10,
  planning: 8,
  training: 10,
  equipment: 6,
  resourcing: 6,
  leadership: 7,
  mandate: 3,
  intelligence: 3,
  other: 2,
};

export const SEVERITIES: Record<Severity, number> = { low: 20, medium: 40, high: 30, critical: 10 };

export const RECOMMENDATION_ACTIONS: Record<RecommendationAction, number> = {
  // Mission leaders are not generated (weight 0, first so that no roll ever falls on it).
  relieve_leader: 0,
  retrain: 25,
  disciplinary_referral: 15,
  repatriate_commander: 10,
  repatriate_individuals: 10,
  repatriate_unit: 6,
  re_equip: 8,
  further_investigation: 12,
  mandate_review: 4,
  commend: 5,
  other: 5,
};

export const DECISION_OUTCOMES: Record<DecisionOutcome, number> = {
  relieve: 0,
  repatriate: 55,
  retain: 20,
  defer: 25,
};

export const EVALUATION_RATINGS: Record<EvaluationRating, number> = {
  exceeds_standard: 15,
  meets_standard: 60,
  below_standard: 20,
  unsatisfactory: 5,
};
