import fc from 'fast-check';
import {
  a,
  an,
  command,
  given,
  INVESTIGATION_ID,
  notFound,
  opening,
  violation,
} from './testing/investigation.fixtures';

const transfer = (overrides = {}) =>
  command('TransferEvidenceCustody', {
    evidenceId: 'evidence-1',
    toCustodian: 'Office of Internal Oversight Services',
    transferredAt: '2016-11-02T10:00:00+03:00',
    reason: 'handed to oversight for the follow-up investigation',
    ...overrides,
  });

describe('Investigation', () => {
  describe('logging evidence', () => {
    it('keeps the fingerprint in lower case and the subjects it concerns', () => {
      const fingerprint = 'ABCDEF0123456789'.repeat(4);
      expect(
        given(...opening()).when(
          a.evidence('evidence-1', {
            sha256: fingerprint,
            subjects: [{ subjectId: 'subject-7', role: 'witness' }],
            personal: { 'subject-7': { name: 'redacted at source' } },
          }),
        ),
      ).toEqual([
        {
          type: 'EvidenceLogged',
          data: {
            investigationId: INVESTIGATION_ID,
            evidenceId: 'evidence-1',
            kind: 'imagery',
            description: 'Photographs of the compound gate',
            sha256: fingerprint.toLowerCase(),
            custodian: 'Special Investigations Unit',
            subjects: [{ subjectId: 'subject-7', role: 'witness' }],
            personal: { 'subject-7': { name: 'redacted at source' } },
          },
        },
      ]);
    });

    it('rejects personal details of someone the evidence does not concern', () => {
      expect(() =>
        given(...opening()).when(
          a.evidence('evidence-1', {
            subjects: [{ subjectId: 'subject-7', role: 'witness' }],
            personal: { 'subject-8': { name: 'someone else' } },
          }),
        ),
      ).toThrow(violation('personal_data_without_subject', 'personal.subject-8'));
    });

    it('rejects a subject listed twice', () => {
      const witness = { subjectId: 'subject-7', role: 'witness' } as const;
      expect(() =>
        given(...opening()).when(a.evidence('evidence-1', { subjects: [witness, witness] })),
      ).toThrow(violation('duplicate_id', 'subjects'));
    });

    it('rejects evidence logged twice under one id', () => {
      expect(() =>
        given(...opening(), an.evidenceLogged('evidence-1')).when(a.evidence('evidence-1')),
      ).toThrow(violation('evidence_already_logged', 'evidenceId'));
    });

    it('rejects evidence without a custodian', () => {
      expect(() => given(...opening()).when(a.evidence('evidence-1', { custodian: '' }))).toThrow(
        violation('text_required', 'custodian'),
      );
    });

    it('accepts any 64 hexadecimal digits, whatever their case, and keeps them in lower case', () => {
      const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEF');
      fc.assert(
        fc.property(fc.string({ unit: hexDigit, minLength: 64, maxLength: 64 }), (sha256) => {
          const [logged] = given(...opening()).when(a.evidence('evidence-1', { sha256 }));
          expect(logged.data).toMatchObject({ sha256: sha256.toLowerCase() });
        }),
      );
    });

    it('rejects any fingerprint that is not 64 hexadecimal digits', () => {
      const notSha256 = fc.string().filter((value) => !/^[0-9a-fA-F]{64}$/.test(value));
      fc.assert(
        fc.property(notSha256, (sha256) => {
          expect(() => given(...opening()).when(a.evidence('evidence-1', { sha256 }))).toThrow(
            violation('invalid_sha256', 'sha256'),
          );
        }),
      );
    });
  });

  describe('transferring custody of evidence', () => {
    const withEvidence = [...opening(), an.evidenceLogged('evidence-1')];

    it('records who held it, who holds it now and why, occurring when it was handed over', () => {
      expect(given(...withEvidence).when(transfer())).toEqual([
        {
          type: 'EvidenceCustodyTransferred',
          data: {
            investigationId: INVESTIGATION_ID,
            evidenceId: 'evidence-1',
            fromCustodian: 'Special Investigations Unit',
            toCustodian: 'Office of Internal Oversight Services',
            transferredAt: '2016-11-02T10:00:00+03:00',
            reason: 'handed to oversight for the follow-up investigation',
          },
          occurredAt: '2016-11-02T10:00:00+03:00',
        },
      ]);
    });

    it('rejects a transfer to the custodian who already holds it', () => {
      expect(() =>
        given(...withEvidence).when(transfer({ toCustodian: 'Special Investigations Unit' })),
      ).toThrow(violation('same_custodian', 'toCustodian'));
    });

    it('rejects a transfer without a reason', () => {
      expect(() => given(...withEvidence).when(transfer({ reason: '' }))).toThrow(
        violation('reason_required', 'reason'),
      );
    });

    it('rejects a transfer time without a zone', () => {
      expect(() =>
        given(...withEvidence).when(transfer({ transferredAt: '2016-11-02T10:00:00' })),
      ).toThrow(violation('invalid_time', 'transferredAt'));
    });

    it('answers a transfer of evidence never logged with evidence_not_found', () => {
      expect(() => given(...opening()).when(transfer())).toThrow(notFound('evidence_not_found'));
    });
  });
});
