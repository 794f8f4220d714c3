import fc from 'fast-check';
import {
  CommandMeta,
  foldEvents,
  LEADER_ROLES,
  SINGLE_HOLDER_ROLES,
  type LeaderRole,
} from '../shared';
import {
  AppointLeader,
  MissionCommand,
  missionDecider,
  RecordLeaderDeparture,
} from './mission.decider';
import type { LeaderAppointed, LeaderDeparted, MissionEvent } from './mission.events';

// UNMISS, 2016: the Kenyan force commander, relieved after Juba; an acting commander after him.
const meta: CommandMeta = {
  now: '2016-11-02T09:00:00Z',
  actor: { id: 'admin-1', role: 'admin' },
};
const FORCE_COMMANDER = 'appointment-fc-ken';

const registered: MissionEvent = {
  type: 'MissionRegistered',
  data: { code: 'UNMISS', name: 'United Nations Mission in South Sudan', hostCountry: 'SSD' },
};

const appoint = (data: Partial<AppointLeader['data']> = {}): MissionCommand => ({
  type: 'AppointLeader',
  data: {
    appointmentId: FORCE_COMMANDER,
    role: 'force_commander',
    subjectId: 'subject-fc-ken',
    nationality: 'KEN',
    appointedAt: '2016-05-26T00:00:00+03:00',
    ...data,
  },
  meta,
});

const depart = (data: Partial<RecordLeaderDeparture['data']> = {}): MissionCommand => ({
  type: 'RecordLeaderDeparture',
  data: {
    appointmentId: FORCE_COMMANDER,
    at: '2016-11-02T00:00:00+03:00',
    reason: 'relieved',
    ...data,
  },
  meta,
});

const appointed = (data: Partial<LeaderAppointed['data']> = {}): MissionEvent => ({
  type: 'LeaderAppointed',
  data: {
    missionCode: 'UNMISS',
    appointmentId: FORCE_COMMANDER,
    role: 'force_commander',
    subjectId: 'subject-fc-ken',
    nationality: 'KEN',
    appointedAt: '2016-05-26T00:00:00+03:00',
    ...data,
  },
});

const departed = (data: Partial<LeaderDeparted['data']> = {}): MissionEvent => ({
  type: 'LeaderDeparted',
  data: {
    missionCode: 'UNMISS',
    appointmentId: FORCE_COMMANDER,
    at: '2016-11-02T00:00:00+03:00',
    reason: 'relieved',
    ...data,
  },
});

const given = (...events: MissionEvent[]) => ({
  when: (command: MissionCommand) => () =>
    missionDecider.decide(command, foldEvents(missionDecider, events)),
});

const violation = (code: string, field?: string) =>
  expect.objectContaining({ kind: 'rule_violation', code, ...(field ? { field } : {}) });

describe('Mission leadership', () => {
  describe('when the mission is not registered', () => {
    it.each([
      ['an appointment', appoint()],
      ['a departure', depart()],
    ])('answers %s with mission_not_found', (_label, command) => {
      expect(given().when(command)).toThrow(
        expect.objectContaining({ kind: 'not_found', code: 'mission_not_found' }),
      );
    });
  });

  describe('appointing a leader', () => {
    it('records the role, the person by subject id, the nationality and when, occurring then', () => {
      expect(given(registered).when(appoint())()).toEqual([
        { ...appointed(), occurredAt: '2016-05-26T00:00:00+03:00' },
      ]);
    });

    it('keeps personal details apart, under the subject id, for sealing', () => {
      const [event] = given(registered).when(
        appoint({ subjectDetails: { name: 'Lt Gen ...', rank: 'lieutenant_general' } }),
      )();
      expect(event.data).toMatchObject({
        subjectId: 'subject-fc-ken',
        personal: { 'subject-fc-ken': { name: 'Lt Gen ...', rank: 'lieutenant_general' } },
      });
    });

    it('records which post, where a mission has several', () => {
      const [event] = given(registered).when(
        appoint({ role: 'sector_commander', post: 'Sector South (Juba)' }),
      )();
      expect(event.data).toMatchObject({ role: 'sector_commander', post: 'Sector South (Juba)' });
    });

    it('holds the appointment, current until a departure', () => {
      expect(foldEvents(missionDecider, [registered, appointed()])).toMatchObject({
        leadership: [
          {
            appointmentId: FORCE_COMMANDER,
            role: 'force_commander',
            nationality: 'KEN',
            departure: null,
          },
        ],
      });
    });

    it('rejects an appointment id recorded already', () => {
      expect(
        given(registered, appointed()).when(appoint({ role: 'srsg', subjectId: 'subject-2' })),
      ).toThrow(violation('appointment_exists', 'appointmentId'));
    });

    it.each([
      [
        'a role outside the vocabulary',
        { role: 'chief_of_staff' as LeaderRole },
        'not_in_vocabulary',
        'role',
      ],
      ['a nationality given as a name', { nationality: 'Kenya' }, 'invalid_country', 'nationality'],
      ['a blank subject id', { subjectId: ' ' }, 'text_required', 'subjectId'],
      ['a blank post', { post: '' }, 'text_required', 'post'],
      [
        'an appointment time without a zone',
        { appointedAt: '2016-05-26' },
        'invalid_time',
        'appointedAt',
      ],
    ])('rejects %s', (_label, data, code, field) => {
      expect(given(registered).when(appoint(data))).toThrow(violation(code, field));
    });

    it('rejects a second force commander while the first holds the post', () => {
      expect(
        given(registered, appointed()).when(
          appoint({ appointmentId: 'appointment-2', subjectId: 'subject-2', nationality: 'CHN' }),
        ),
      ).toThrow(violation('post_already_held', 'appointedAt'));
    });

    it('appoints the next force commander from the departure of the last one on', () => {
      const next = appoint({
        appointmentId: 'appointment-acting',
        subjectId: 'subject-acting',
        nationality: 'CHN',
        appointedAt: '2016-11-02T00:00:00+03:00',
      });
      expect(given(registered, appointed(), departed()).when(next)()).toHaveLength(1);
    });

    it('rejects a force commander appointed before the last one departed', () => {
      const overlapping = appoint({
        appointmentId: 'appointment-2',
        subjectId: 'subject-2',
        appointedAt: '2016-10-01T00:00:00+03:00',
      });
      expect(given(registered, appointed(), departed()).when(overlapping)).toThrow(
        violation('post_already_held'),
      );
    });

    it('appoints several sector commanders and deputies at once', () => {
      const history = [
        registered,
        appointed({ appointmentId: 'a-1', role: 'sector_commander', post: 'Sector North' }),
        appointed({ appointmentId: 'a-2', role: 'deputy_srsg', subjectId: 'subject-d1' }),
      ];
      expect(
        given(...history).when(
          appoint({
            appointmentId: 'a-3',
            role: 'sector_commander',
            post: 'Sector South',
            subjectId: 'subject-s',
          }),
        )(),
      ).toHaveLength(1);
      expect(
        given(...history).when(
          appoint({ appointmentId: 'a-4', role: 'deputy_srsg', subjectId: 'subject-d2' }),
        )(),
      ).toHaveLength(1);
    });

    it('rejects the same person appointed again to a post they hold', () => {
      const history = [
        registered,
        appointed({ appointmentId: 'a-1', role: 'sector_commander', post: 'Sector North' }),
      ];
      expect(
        given(...history).when(
          appoint({ appointmentId: 'a-2', role: 'sector_commander', post: 'Sector North' }),
        ),
      ).toThrow(violation('already_appointed', 'subjectId'));
    });

    it('lets one person hold two roles, as a deputy acting as head of mission does', () => {
      const history = [registered, appointed({ appointmentId: 'a-1', role: 'deputy_srsg' })];
      expect(
        given(...history).when(appoint({ appointmentId: 'a-2', role: 'srsg' }))(),
      ).toHaveLength(1);
    });

    it('never lets two appointments to a single-holder post overlap, whatever the order of appointments and departures', () => {
      const day = (n: number) => new Date(Date.UTC(2016, 0, 1) + n * 86_400_000).toISOString();
      const step = fc.record({
        role: fc.constantFrom(...LEADER_ROLES),
        start: fc.integer({ min: 0, max: 60 }),
        length: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      });
      fc.assert(
        fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
          let history: MissionEvent[] = [registered];
          steps.forEach(({ role, start, length }, index) => {
            const appointmentId = `a-${index}`;
            const tryTo = (command: MissionCommand) => {
              try {
                history = [
                  ...history,
                  ...missionDecider.decide(command, foldEvents(missionDecider, history)),
                ];
              } catch {
                // refused: the history stays as it was
              }
            };
            tryTo(
              appoint({ appointmentId, role, subjectId: `s-${index}`, appointedAt: day(start) }),
            );
            if (length !== undefined) tryTo(depart({ appointmentId, at: day(start + length) }));
          });
          const state = foldEvents(missionDecider, history);
          if (state.status !== 'registered') throw new Error('unregistered');
          for (const role of SINGLE_HOLDER_ROLES) {
            const held = state.leadership.filter((a) => a.role === role);
            for (const a of held) {
              for (const b of held) {
                if (a === b) continue;
                const aEnd = a.departure ? Date.parse(a.departure.at) : Infinity;
                const bEnd = b.departure ? Date.parse(b.departure.at) : Infinity;
                const overlap =
                  Date.parse(a.appointedAt) < bEnd && Date.parse(b.appointedAt) < aEnd;
                expect({ a: a.appointmentId, b: b.appointmentId, overlap }).toMatchObject({
                  overlap: false,
                });
              }
            }
          }
        }),
      );
    });
  });

  describe('recording a departure', () => {
    it('ends the appointment, occurring when the leader left', () => {
      expect(
        given(registered, appointed()).when(depart({ note: 'Relieved after Juba' }))(),
      ).toEqual([
        {
          ...departed({ note: 'Relieved after Juba' }),
          occurredAt: '2016-11-02T00:00:00+03:00',
        },
      ]);
    });

    it('holds the departure on the appointment', () => {
      expect(foldEvents(missionDecider, [registered, appointed(), departed()])).toMatchObject({
        leadership: [
          {
            appointmentId: FORCE_COMMANDER,
            departure: { at: '2016-11-02T00:00:00+03:00', reason: 'relieved' },
          },
        ],
      });
    });

    it('answers an unknown appointment with appointment_not_found', () => {
      expect(given(registered).when(depart())).toThrow(
        expect.objectContaining({
          kind: 'not_found',
          code: 'appointment_not_found',
          field: 'appointmentId',
        }),
      );
    });

    it('rejects a second departure of the same appointment', () => {
      expect(
        given(registered, appointed(), departed()).when(depart({ reason: 'resigned' })),
      ).toThrow(violation('leader_already_departed', 'appointmentId'));
    });

    it('rejects a departure before the appointment began', () => {
      expect(
        given(registered, appointed()).when(depart({ at: '2016-05-25T23:59:59+03:00' })),
      ).toThrow(violation('departed_before_appointed', 'at'));
    });

    it('accepts a departure on the day of the appointment, a minute after it', () => {
      expect(
        given(registered, appointed()).when(
          depart({ at: '2016-05-25T21:01:00Z', reason: 'resigned' }),
        )(),
      ).toHaveLength(1);
    });

    it('rejects a reason outside the vocabulary', () => {
      expect(
        given(registered, appointed()).when(
          depart({ reason: 'dismissed' as RecordLeaderDeparture['data']['reason'] }),
        ),
      ).toThrow(violation('not_in_vocabulary', 'reason'));
    });

    it('requires a note with the reason other', () => {
      expect(given(registered, appointed()).when(depart({ reason: 'other' }))).toThrow(
        violation('note_required', 'note'),
      );
    });

    it('records the decision a relief implements, and only as a relief', () => {
      const [event] = given(registered, appointed()).when(depart({ decisionId: 'decision-1' }))();
      expect(event.data).toMatchObject({ reason: 'relieved', decisionId: 'decision-1' });
      expect(
        given(registered, appointed()).when(
          depart({ decisionId: 'decision-1', reason: 'resigned' }),
        ),
      ).toThrow(violation('decision_relieves', 'reason'));
    });
  });
});
