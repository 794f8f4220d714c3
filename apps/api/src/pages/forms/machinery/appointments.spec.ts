import type { Appointment } from '@blue-ledger/domain';
import { appointmentChoices, appointmentLabel } from './appointments';
import { isAboutLeader } from './recommendation-scene';

const forceCommander: Appointment = {
  appointmentId: '0190d5a4-0000-7000-8000-000000000001',
  role: 'force_commander',
  subjectId: 'subject-force-commander-ken',
  nationality: 'KEN',
  appointedAt: '2016-05-26T12:00:00+03:00',
  departure: { at: '2016-11-02T12:00:00+03:00', reason: 'relieved', decisionId: 'd-1' },
};
const headOfOffice: Appointment = {
  appointmentId: '0190d5a4-0000-7000-8000-000000000002',
  role: 'head_of_office',
  post: 'Bambari',
  subjectId: 'subject-head-of-office',
  nationality: 'SEN',
  appointedAt: '2018-01-10T00:00:00Z',
  departure: null,
};

describe('Appointments as choices', () => {
  it('labels an appointment by its role, post, mission, nationality and period', () => {
    expect(appointmentLabel('UNMISS', forceCommander)).toBe(
      'Force commander, UNMISS (KEN), appointed 26 May 2016, departed 2 Nov 2016: Relieved',
    );
    expect(appointmentLabel('MINUSCA', headOfOffice)).toBe(
      'Head of office (Bambari), MINUSCA (SEN), appointed 10 Jan 2018',
    );
  });

  it('offers every appointment of each mission, by its id, in the order the mission holds them', () => {
    const choices = appointmentChoices([
      { code: 'UNMISS', leadership: [forceCommander] },
      { code: 'MINUSCA', leadership: [headOfOffice] },
    ]);
    expect(choices.map((c) => c.value)).toEqual([
      forceCommander.appointmentId,
      headOfOffice.appointmentId,
    ]);
  });

  describe('when only current appointments are asked for', () => {
    it('leaves out the leaders who have departed', () => {
      const choices = appointmentChoices(
        [{ code: 'UNMISS', leadership: [forceCommander, { ...headOfOffice }] }],
        { current: true },
      );
      expect(choices.map((c) => c.value)).toEqual([headOfOffice.appointmentId]);
    });
  });
});

describe('A recommendation about a mission leader', () => {
  it('is one that asks to relieve a leader, or names an appointment', () => {
    expect(isAboutLeader({ action: 'relieve_leader', appointmentId: null })).toBe(true);
    expect(isAboutLeader({ action: 'repatriate_commander', appointmentId: 'a-1' })).toBe(true);
    expect(isAboutLeader({ action: 'repatriate_commander', appointmentId: null })).toBe(false);
    expect(isAboutLeader({ action: 'repatriate_unit' })).toBe(false);
  });
});
