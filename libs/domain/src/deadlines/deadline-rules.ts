/**
 * The time limits the record itself can check: one table, each rule with what starts it, what
 * meets it, the time it allows and its public source. Nothing is scheduled: a read model keeps
 * when each deadline started and when (if ever) it was met, and the status at any instant is
 * derived from those and that instant.
 */

export const DEADLINE_KINDS = [
  'national_investigator_appointment',
  'national_investigation_conclusion',
  'investigation_due_date',
  'tcc_reply',
  'recommendation_decision',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Whence a limit comes: what the Secretariat asks of countries, an investigation's own terms, or this ledger's policy. */
export type DeadlineBasis = 'secretariat_practice' | 'terms_of_reference' | 'ledger_policy';

/** The time a rule allows: working days or days from the start, or up to a date the record gives. */
export type TimeAllowed =
  | { workingDays: number }
  | { days: number }
  | { untilField: 'dueBy' }
  | { policy: 'replyWindowDays' | 'decisionWindowDays'; setting: string };

export interface DeadlineRule {
  kind: DeadlineKind;
  startsWhen: string;
  metWhen: string;
  allowed: TimeAllowed;
  basis: DeadlineBasis;
  source: string;
}

/** The ledger's own windows, set by configuration: policy, not law. */
export interface DeadlinePolicy {
  replyWindowDays: number;
  decisionWindowDays: number;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  replyWindowDays: 30,
  decisionWindowDays: 90,
};

/** An allegation of sexual exploitation and abuse against a unit, as the ledger can tell it. */
const SEA_NOTIFICATION =
  'TccNotified whose subject is an incident of category sexual_exploitation_and_abuse (as the incident now stands, after amendments), or an investigation covering one: the allegation against the notified unit. Starts at notifiedAt.';

const SECRETARIAT_2021 =
  "UN Secretariat, requests to troop-contributing countries on allegations of sexual exploitation and abuse against their contingents as of 2021 (reported in the Secretary-General's annual reports on special measures for protection from sexual exploitation and abuse); national investigations under the revised model memorandum of understanding with troop-contributing countries (General Assembly resolution 61/267 B, 2007); Security Council resolution 2272 (2016) on repatriating units and replacing those of a country that does not investigate";

export const DEADLINE_RULES: readonly DeadlineRule[] = [
  {
    kind: 'national_investigator_appointment',
    startsWhen: SEA_NOTIFICATION,
    metWhen:
      'NationalInvestigatorAppointed (appointedAt) of the notified country, on a national_investigation covering the SEA incident: the earliest such appointment',
    allowed: { workingDays: 5 },
    basis: 'secretariat_practice',
    source: SECRETARIAT_2021,
  },
  {
    kind: 'national_investigation_conclusion',
    startsWhen: SEA_NOTIFICATION,
    metWhen:
      "The notified country's national investigation (a national_investigation covering the SEA incident, with an officer of that country appointed) submits its report (submittedAt) or is closed (when recorded): the earliest of these",
    allowed: { days: 90 },
    basis: 'secretariat_practice',
    source: SECRETARIAT_2021,
  },
  {
    kind: 'investigation_due_date',
    startsWhen: 'InvestigationOpened with a dueBy (when recorded)',
    metWhen:
      'Its first InvestigationReportSubmitted (submittedAt) or InvestigationClosed (when recorded), whichever is earlier',
    allowed: { untilField: 'dueBy' },
    basis: 'terms_of_reference',
    source: "The investigation's own due date, set when it was opened",
  },
  {
    kind: 'tcc_reply',
    startsWhen: 'TccNotified (notifiedAt)',
    metWhen: 'The first TccResponseRecorded regarding the notification (respondedAt)',
    allowed: { policy: 'replyWindowDays', setting: 'LEDGER_REPLY_WINDOW_DAYS' },
    basis: 'ledger_policy',
    source:
      "Blue Ledger's policy, set by LEDGER_REPLY_WINDOW_DAYS: domain.md asks that the country be told promptly and its reply kept; no law sets this window",
  },
  {
    kind: 'recommendation_decision',
    startsWhen:
      'RecommendationIssued that a decision answers (repatriate_unit, repatriate_commander, repatriate_individuals, relieve_leader), when recorded',
    metWhen: 'The first RepatriationDecided answering it (decidedAt)',
    allowed: { policy: 'decisionWindowDays', setting: 'LEDGER_DECISION_WINDOW_DAYS' },
    basis: 'ledger_policy',
    source:
      "Blue Ledger's policy, set by LEDGER_DECISION_WINDOW_DAYS: what follow-through counts as a recommendation left undecided; no law sets this window",
  },
];

export function deadlineRuleOf(kind: DeadlineKind): DeadlineRule {
  return DEADLINE_RULES.find((rule) => rule.kind === kind) as DeadlineRule;
}

/** The time a rule allows under the ledger's policy: working days, days, or a given date. */
export type ResolvedAllowance =
  { workingDays: number } | { days: number } | { untilField: 'dueBy' };

export function allowanceOf(rule: DeadlineRule, policy: DeadlinePolicy): ResolvedAllowance {
  const { allowed } = rule;
  return 'policy' in allowed ? { days: policy[allowed.policy] } : allowed;
}
