import {
  EVIDENCE_KINDS,
  NotFoundError,
  requireReason,
  RuleViolation,
  SUBJECT_ROLES,
  SubjectReference,
} from '../shared';
import { requireIsoInstant } from '../shared/time';
import type {
  LogEvidence,
  OpenInvestigationState,
  TransferEvidenceCustody,
} from './investigation.decider';
import type { EvidenceCustodyTransferred, EvidenceLogged } from './investigation.events';
import { requireDistinctIds, requireOneOf, requireText } from '../shared';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** A SHA-256 is 64 hexadecimal digits; the ledger keeps it in lower case. */
export function normaliseSha256(value: string, field: string): string {
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) {
    throw new RuleViolation('invalid_sha256', `${field} must be 64 hexadecimal digits`, field);
  }
  return value.toLowerCase();
}

export function decideLogEvidence(
  { data }: LogEvidence,
  state: OpenInvestigationState,
): [EvidenceLogged] {
  const { evidenceId, kind, description, custodian, personal } = data;
  requireText(evidenceId, 'evidenceId');
  if (state.evidence.has(evidenceId)) {
    throw new RuleViolation(
      'evidence_already_logged',
      'evidence with this id is already logged',
      'evidenceId',
    );
  }
  requireOneOf(kind, EVIDENCE_KINDS, 'kind');
  requireText(description, 'description');
  requireText(custodian, 'custodian');
  const sha256 = normaliseSha256(data.sha256, 'sha256');
  const subjects = data.subjects ?? [];
  validateSubjects(subjects);
  const subjectIds = new Set(subjects.map((subject) => subject.subjectId));
  for (const key of Object.keys(personal ?? {})) {
    if (!subjectIds.has(key)) {
      throw new RuleViolation(
        'personal_data_without_subject',
        'personal details may only be given for the subjects the evidence concerns',
        `personal.${key}`,
      );
    }
  }
  return [
    {
      type: 'EvidenceLogged',
      data: {
        investigationId: state.investigationId,
        evidenceId,
        kind,
        description,
        sha256,
        custodian,
        subjects,
        ...(personal === undefined ? {} : { personal }),
      },
    },
  ];
}

function validateSubjects(subjects: readonly SubjectReference[]): void {
  subjects.forEach((subject, index) => {
    requireText(subject.subjectId, `subjects[${index}].subjectId`, 'blank_id');
    requireOneOf(subject.role, SUBJECT_ROLES, `subjects[${index}].role`);
  });
  requireDistinctIds(
    subjects.map((subject) => subject.subjectId),
    'subjects',
  );
}

export function decideTransferEvidenceCustody(
  { data }: TransferEvidenceCustody,
  state: OpenInvestigationState,
): [EvidenceCustodyTransferred] {
  const evidence = state.evidence.get(data.evidenceId);
  if (evidence === undefined) {
    throw new NotFoundError('evidence_not_found', 'there is no such evidence', 'evidenceId');
  }
  requireReason(data.reason);
  requireText(data.toCustodian, 'toCustodian');
  if (data.toCustodian === evidence.custodian) {
    throw new RuleViolation(
      'same_custodian',
      'the evidence is already in the custody of this custodian',
      'toCustodian',
    );
  }
  const transferredAt = requireIsoInstant(data.transferredAt, 'transferredAt');
  return [
    {
      type: 'EvidenceCustodyTransferred',
      data: {
        investigationId: state.investigationId,
        evidenceId: evidence.evidenceId,
        fromCustodian: evidence.custodian,
        toCustodian: data.toCustodian,
        transferredAt,
        reason: data.reason,
      },
      occurredAt: transferredAt,
    },
  ];
}
