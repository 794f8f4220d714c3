import {
  FINDING_CATEGORIES,
  NotFoundError,
  requireReason,
  RuleViolation,
  SEVERITIES,
} from '../shared';
import type {
  InvestigationFinding,
  OpenInvestigationState,
  RecordFinding,
  ReviseFinding,
  WithdrawFinding,
} from './investigation.decider';
import type {
  FindingFacts,
  FindingRecorded,
  FindingRevised,
  FindingWithdrawn,
} from './investigation.events';
import { validateAttributions } from './attribution';
import { requireDistinctIds, requireOneOf, requireText } from '../shared';

const FINDING_FACT_KEYS = [
  'statement',
  'category',
  'attributions',
  'severity',
  'evidenceIds',
  'contextFactors',
] as const satisfies readonly (keyof FindingFacts)[];

export function decideRecordFinding(
  { data }: RecordFinding,
  state: OpenInvestigationState,
): [FindingRecorded] {
  requireText(data.findingId, 'findingId');
  if (state.findings.has(data.findingId)) {
    throw new RuleViolation(
      'finding_already_recorded',
      'a finding with this id is already recorded',
      'findingId',
    );
  }
  const facts: FindingFacts = {
    statement: data.statement,
    category: data.category,
    attributions: data.attributions,
    severity: data.severity,
    evidenceIds: data.evidenceIds ?? [],
    contextFactors: data.contextFactors ?? [],
  };
  validateFindingFacts(facts, state);
  return [
    {
      type: 'FindingRecorded',
      data: { investigationId: state.investigationId, findingId: data.findingId, ...facts },
    },
  ];
}

/** A revision carries only the facts it changes; a revision that changes nothing is refused. */
export function decideReviseFinding(
  { data }: ReviseFinding,
  state: OpenInvestigationState,
): [FindingRevised] {
  const finding = requireLiveFinding(state, data.findingId);
  requireReason(data.reason);
  const changes = changedFacts(finding, data.changes ?? {});
  validateFindingFacts(changes, state);
  return [
    {
      type: 'FindingRevised',
      data: {
        investigationId: state.investigationId,
        findingId: finding.findingId,
        changes,
        reason: data.reason,
      },
    },
  ];
}

export function decideWithdrawFinding(
  { data }: WithdrawFinding,
  state: OpenInvestigationState,
): [FindingWithdrawn] {
  const finding = requireLiveFinding(state, data.findingId);
  requireReason(data.reason);
  return [
    {
      type: 'FindingWithdrawn',
      data: {
        investigationId: state.investigationId,
        findingId: finding.findingId,
        reason: data.reason,
      },
    },
  ];
}

/** The findings a naming or recommendation rests on: named, recorded here, not withdrawn. */
export function requireCitableFindings(
  state: OpenInvestigationState,
  findingIds: readonly string[] | undefined,
): InvestigationFinding[] {
  requireDistinctIds(findingIds ?? [], 'findingIds', 'findings_required');
  return (findingIds ?? []).map((findingId) => {
    const finding = state.findings.get(findingId);
    if (finding === undefined) {
      throw new RuleViolation(
        'unknown_finding',
        `finding ${findingId} is not recorded in this investigation`,
        'findingIds',
      );
    }
    if (finding.withdrawn) {
      throw new RuleViolation(
        'finding_withdrawn',
        `finding ${findingId} has been withdrawn`,
        'findingIds',
      );
    }
    return finding;
  });
}

function requireLiveFinding(
  state: OpenInvestigationState,
  findingId: string,
): InvestigationFinding {
  const finding = state.findings.get(findingId);
  if (finding === undefined) {
    throw new NotFoundError('finding_not_found', 'there is no such finding', 'findingId');
  }
  if (finding.withdrawn) {
    throw new RuleViolation('finding_withdrawn', 'the finding has been withdrawn', 'findingId');
  }
  return finding;
}

/** Validates whichever facts are present: all of them for a new finding, the changed ones for a revision. */
function validateFindingFacts(facts: Partial<FindingFacts>, state: OpenInvestigationState): void {
  if ('statement' in facts) requireText(facts.statement, 'statement');
  if ('category' in facts) requireOneOf(facts.category, FINDING_CATEGORIES, 'category');
  if ('attributions' in facts) validateAttributions(facts.attributions);
  if ('severity' in facts) requireOneOf(facts.severity, SEVERITIES, 'severity');
  if ('evidenceIds' in facts) {
    const evidenceIds = facts.evidenceIds ?? [];
    requireDistinctIds(evidenceIds, 'evidenceIds');
    const unknown = evidenceIds.filter((evidenceId) => !state.evidence.has(evidenceId));
    if (unknown.length > 0) {
      throw new RuleViolation(
        'unknown_evidence',
        `evidence ${unknown.join(', ')} is not logged in this investigation`,
        'evidenceIds',
      );
    }
  }
  if ('contextFactors' in facts) {
    (facts.contextFactors ?? []).forEach((factor, index) =>
      requireText(factor, `contextFactors[${index}]`, 'blank_context_factor'),
    );
  }
}

function changedFacts(
  current: FindingFacts,
  changes: Partial<FindingFacts>,
): Partial<FindingFacts> {
  const changed: Partial<FindingFacts> = {};
  for (const key of FINDING_FACT_KEYS) {
    const value = changes[key];
    if (value !== undefined && canonical(value) !== canonical(current[key])) {
      Object.assign(changed, { [key]: value });
    }
  }
  if (Object.keys(changed).length === 0) {
    throw new RuleViolation('finding_unchanged', 'the revision changes nothing', 'changes');
  }
  return changed;
}

/** JSON with object keys sorted, so that two attributions written in a different key order compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested !== null && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : nested,
  );
}
