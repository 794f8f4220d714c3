import { foldEvents } from '../shared';
import { investigationDecider } from './investigation.decider';
import type { InvestigationEvent } from './investigation.events';
import {
  an,
  command,
  given,
  INVESTIGATION_ID,
  LEAD_INVESTIGATOR,
  violation,
} from './testing/investigation.fixtures';

// Gabon, 2021: a national investigation into allegations against its contingent in MINUSCA.
const nationalInvestigation = (): InvestigationEvent[] => [
  {
    type: 'InvestigationOpened',
    data: {
      investigationId: INVESTIGATION_ID,
      incidentIds: ['incident-sea-1'],
      kind: 'national_investigation',
      title: 'National investigation by Gabon',
    },
  },
  an.investigatorAssigned(),
];

const appoint = (data: Record<string, unknown> = {}) =>
  command('AppointNationalInvestigator', {
    country: 'GAB',
    appointedAt: '2021-06-29T10:00:00+01:00',
    ...data,
  } as never);

const appointed: InvestigationEvent = {
  type: 'NationalInvestigatorAppointed',
  occurredAt: '2021-06-29T10:00:00+01:00',
  data: {
    investigationId: INVESTIGATION_ID,
    country: 'GAB',
    appointedAt: '2021-06-29T10:00:00+01:00',
  },
};

describe('Investigation', () => {
  describe('appointing a national investigation officer', () => {
    it("records the country's appointment, occurring when it was made", () => {
      expect(given(...nationalInvestigation()).when(appoint())).toEqual([appointed]);
    });

    it('keeps the officer as a subject id, and their details apart for sealing', () => {
      const [event] = given(...nationalInvestigation()).when(
        appoint({ subjectId: 'subject-nio-1', subjectDetails: { rank: 'colonel' } }),
      );
      expect(event.data).toMatchObject({
        subjectId: 'subject-nio-1',
        personal: { 'subject-nio-1': { rank: 'colonel' } },
      });
    });

    it('holds the officers in the state', () => {
      const state = foldEvents(investigationDecider, [...nationalInvestigation(), appointed]);
      expect(state).toMatchObject({
        nationalInvestigators: [{ country: 'GAB', appointedAt: '2021-06-29T10:00:00+01:00' }],
      });
    });

    it('rejects an officer appointed to an investigation that is not national', () => {
      const special = [an.opened(), an.investigatorAssigned(LEAD_INVESTIGATOR)];
      expect(() => given(...special).when(appoint())).toThrow(
        violation('not_a_national_investigation'),
      );
    });

    it('takes a replacement officer of the same country, and refuses one of another', () => {
      expect(
        given(...nationalInvestigation(), appointed).when(
          appoint({ appointedAt: '2021-08-01T00:00:00Z' }),
        ),
      ).toHaveLength(1);
      expect(() =>
        given(...nationalInvestigation(), appointed).when(appoint({ country: 'CMR' })),
      ).toThrow(violation('national_investigation_of_other_country', 'country'));
    });

    it('rejects the same officer appointed twice', () => {
      const first = given(...nationalInvestigation()).when(appoint({ subjectId: 'subject-nio-1' }));
      expect(() =>
        given(...nationalInvestigation(), ...first).when(appoint({ subjectId: 'subject-nio-1' })),
      ).toThrow(violation('national_investigator_already_appointed', 'subjectId'));
    });

    it.each([
      ['a country given as a name', { country: 'Gabon' }, 'invalid_country', 'country'],
      ['a time without a zone', { appointedAt: '2021-06-29' }, 'invalid_time', 'appointedAt'],
      [
        'details without a subject id',
        { subjectDetails: { rank: 'colonel' } },
        'subject_required',
        'subjectId',
      ],
    ])('rejects %s', (_label, data, code, field) => {
      expect(() => given(...nationalInvestigation()).when(appoint(data))).toThrow(
        violation(code, field),
      );
    });

    it('rejects an appointment in a closed investigation', () => {
      expect(() => given(...nationalInvestigation(), an.closed()).when(appoint())).toThrow(
        violation('investigation_closed'),
      );
    });
  });
});
