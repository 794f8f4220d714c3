/**
 * Given / when / then for the investigation decider's tests. The story is Juba, July 2016: a
 * special investigation into the failure to protect the Terrain compound, where the Chinese
 * battalion and the Nepalese formed police unit were later named.
 */
import { CommandMeta, foldEvents } from '../../shared';
import {
  InvestigationCommand,
  investigationDecider,
  InvestigationState,
} from '../investigation.decider';
import type { Attribution, FindingFacts, InvestigationEvent } from '../investigation.events';

export const INVESTIGATION_ID = 'inv-juba-2016';
export const CHINESE_BATTALION = 'contingent-chn-batt';
export const NEPALESE_FPU = 'contingent-npl-fpu';
export const LEAD_INVESTIGATOR = 'principal-cammaert';
export const FINGERPRINT = 'a'.repeat(64);

export const meta: CommandMeta = {
  now: '2016-11-01T09:00:00Z',
  actor: { id: LEAD_INVESTIGATOR, role: 'investigator' },
};

export const toUnit = (contingentId: string): Attribution => ({ level: 'unit', contingentId });

export const factsOf = (overrides: Partial<FindingFacts> = {}): FindingFacts => ({
  statement: 'The battalion did not respond to calls for help from the Terrain compound',
  category: 'command_and_control',
  attributions: [toUnit(CHINESE_BATTALION)],
  severity: 'critical',
  evidenceIds: [],
  contextFactors: [],
  ...overrides,
});

const data = { investigationId: INVESTIGATION_ID };

export const an = {
  opened: (): InvestigationEvent => ({
    type: 'InvestigationOpened',
    data: {
      ...data,
      incidentIds: ['incident-terrain-2016-07-11'],
      kind: 'special_investigation',
      title: 'Special investigation into the violence in Juba in July 2016',
    },
  }),
  investigatorAssigned: (investigatorId = LEAD_INVESTIGATOR): InvestigationEvent => ({
    type: 'InvestigatorAssigned',
    data: { ...data, investigatorId },
  }),
  evidenceLogged: (
    evidenceId: string,
    custodian = 'Special Investigations Unit',
  ): InvestigationEvent => ({
    type: 'EvidenceLogged',
    data: {
      ...data,
      evidenceId,
      kind: 'testimony',
      description: 'Statement of an aid worker held at the Terrain compound',
      sha256: FINGERPRINT,
      custodian,
      subjects: [],
    },
  }),
  findingRecorded: (
    findingId: string,
    overrides: Partial<FindingFacts> = {},
  ): InvestigationEvent => ({
    type: 'FindingRecorded',
    data: { ...data, findingId, ...factsOf(overrides) },
  }),
  findingRevised: (findingId: string, changes: Partial<FindingFacts>): InvestigationEvent => ({
    type: 'FindingRevised',
    data: { ...data, findingId, changes, reason: 'further testimony' },
  }),
  findingWithdrawn: (findingId: string): InvestigationEvent => ({
    type: 'FindingWithdrawn',
    data: { ...data, findingId, reason: 'the testimony was retracted' },
  }),
  unitNamed: (
    namingId: string,
    contingentId: string,
    findingIds: string[],
  ): InvestigationEvent => ({
    type: 'UnitNamed',
    data: { ...data, namingId, contingentId, findingIds, public: true },
  }),
  closed: (): InvestigationEvent => ({
    type: 'InvestigationClosed',
    data: { ...data, summary: 'Report delivered to the Secretary-General' },
  }),
  reopened: (): InvestigationEvent => ({
    type: 'InvestigationReopened',
    data: { ...data, reason: 'new evidence from the Nepalese unit' },
  }),
};

/** An investigation opened by the lead investigator, as its first two events. */
export const opening = (): InvestigationEvent[] => [an.opened(), an.investigatorAssigned()];

type CommandOf<T extends InvestigationCommand['type']> = Extract<InvestigationCommand, { type: T }>;

/** A command of the given type with the shared meta. */
export function command<T extends InvestigationCommand['type']>(
  type: T,
  commandData: CommandOf<T>['data'],
): CommandOf<T> {
  return { type, data: commandData, meta } as CommandOf<T>;
}

export const a = {
  finding: (findingId: string, overrides: Partial<CommandOf<'RecordFinding'>['data']> = {}) =>
    command('RecordFinding', { findingId, ...factsOf(), ...overrides }),
  naming: (namingId: string, contingentId: string, findingIds: string[]) =>
    command('NameUnit', { namingId, contingentId, findingIds, public: true }),
  recommendation: (
    recommendationId: string,
    overrides: Partial<CommandOf<'IssueRecommendation'>['data']> = {},
  ) =>
    command('IssueRecommendation', {
      recommendationId,
      action: 'repatriate_commander',
      contingentId: CHINESE_BATTALION,
      findingIds: ['finding-1'],
      rationale: 'The commander did not act on repeated calls for help',
      ...overrides,
    }),
  evidence: (evidenceId: string, overrides: Partial<CommandOf<'LogEvidence'>['data']> = {}) =>
    command('LogEvidence', {
      evidenceId,
      kind: 'imagery',
      description: 'Photographs of the compound gate',
      sha256: FINGERPRINT,
      custodian: 'Special Investigations Unit',
      ...overrides,
    }),
};

export const stateAfter = (history: readonly InvestigationEvent[]): InvestigationState =>
  foldEvents(investigationDecider, history);

export function given(...history: InvestigationEvent[]) {
  const state = stateAfter(history);
  return { when: (next: InvestigationCommand) => investigationDecider.decide(next, state) };
}

export const violation = (code: string, field?: string) =>
  expect.objectContaining({
    kind: 'rule_violation',
    code,
    ...(field === undefined ? {} : { field }),
  });

export const notFound = (code: string) => expect.objectContaining({ kind: 'not_found', code });
