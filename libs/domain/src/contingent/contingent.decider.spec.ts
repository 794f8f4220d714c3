import fc from 'fast-check';
import { CommandMeta, DomainError, foldEvents, NotFoundError } from '../shared';
import {
  ContingentCommand,
  contingentDecider,
  contingentStreamId,
  RegisterContingent,
} from './contingent.decider';
import type { ContingentEvent, ContingentRegistered, TccNotified } from './contingent.events';

const meta: CommandMeta = {
  now: '2016-09-01T12:00:00Z',
  actor: { id: 'liaison-1', role: 'tcc_liaison' },
};

const command = <C extends ContingentCommand>(type: C['type'], data: C['data']) =>
  ({ type, data, meta }) as C;

const given = (...events: ContingentEvent[]) => ({
  when: (cmd: ContingentCommand) => () =>
    contingentDecider.decide(cmd, foldEvents(contingentDecider, events)),
});

const contingentId = '0190a1b2-0000-7000-8000-000000000001';

const registerData: RegisterContingent['data'] = {
  contingentId,
  country: 'ETH',
  unitType: 'infantry_battalion',
  designation: 'ETHBATT-1',
  missionCode: 'UNMISS',
  sector: 'Sector North',
  strength: 850,
};

const registered: ContingentRegistered = { type: 'ContingentRegistered', data: registerData };

const notified: TccNotified = {
  type: 'TccNotified',
  occurredAt: '2016-08-01T10:00:00Z',
  data: {
    contingentId,
    notificationId: 'n-1',
    country: 'ETH',
    subjectStreamId: 'incident-0190a1b2-0000-7000-8000-0000000000aa',
    notifiedAt: '2016-08-01T10:00:00Z',
    channel: 'note_verbale',
  },
};

const register = (data: Partial<RegisterContingent['data']> = {}) =>
  command('RegisterContingent', { ...registerData, ...data });
const rotate = (data: Record<string, unknown> = {}) =>
  command('RotateContingent', { rotationId: 'r-1', startedAt: '2016-10-01T00:00:00Z', ...data });
const reHat = (data: Record<string, unknown> = {}) =>
  command('ReHatContingent', {
    fromOperation: 'AMIS',
    toMissionCode: 'UNAMID',
    at: '2008-01-01T00:00:00Z',
    ...data,
  });
const evaluate = (data: Record<string, unknown> = {}) =>
  command('EvaluateContingent', {
    evaluationId: 'e-1',
    evaluatedAt: '2016-12-01T00:00:00Z',
    rating: 'meets_standard',
    summary: 'Patrols conducted as tasked.',
    ...data,
  });
const commend = (data: Record<string, unknown> = {}) =>
  command('CommendContingent', {
    commendationId: 'c-1',
    at: '2017-01-15T00:00:00Z',
    citation: 'Opened the protection site gates to 3,000 civilians under fire.',
    ...data,
  });
const notifyTcc = (data: Record<string, unknown> = {}) =>
  command('NotifyTcc', {
    notificationId: 'n-2',
    subjectStreamId: 'investigation-0190a1b2-0000-7000-8000-0000000000bb',
    notifiedAt: '2016-08-20T09:00:00+03:00',
    channel: 'permanent_mission_meeting',
    ...data,
  });
const recordResponse = (data: Record<string, unknown> = {}) =>
  command('RecordTccResponse', {
    responseId: 'resp-1',
    regarding: 'n-1',
    statement: 'A national investigation officer has been appointed.',
    ...data,
  });

const violation = (code: string, field?: string) =>
  expect.objectContaining({
    kind: 'rule_violation',
    code,
    ...(field === undefined ? {} : { field }),
  });

describe('Contingent', () => {
  it('lives in a stream named after its id', () => {
    expect(contingentStreamId(contingentId)).toBe(`contingent-${contingentId}`);
  });

  describe('when not registered', () => {
    it('registers a contingent with its country, unit type, designation and mission', () => {
      expect(given().when(register())()).toEqual([registered]);
    });

    it('leaves out the sector and strength when they are not given', () => {
      const [event] = given().when(register({ sector: undefined, strength: undefined }))();
      expect(event?.data).not.toHaveProperty('sector');
      expect(event?.data).not.toHaveProperty('strength');
    });

    it('rejects a country that is not an ISO alpha-3 code', () => {
      expect(given().when(register({ country: 'Ethiopia' }))).toThrow(
        violation('invalid_country', 'country'),
      );
    });

    it('rejects a unit type outside the vocabulary', () => {
      expect(given().when(register({ unitType: 'cavalry' as never }))).toThrow(
        violation('not_in_vocabulary', 'unitType'),
      );
    });

    it('rejects a blank designation', () => {
      expect(given().when(register({ designation: ' ' }))).toThrow(
        violation('text_required', 'designation'),
      );
    });

    it('rejects a malformed mission code', () => {
      expect(given().when(register({ missionCode: 'unmiss' }))).toThrow(
        violation('invalid_mission_code', 'missionCode'),
      );
    });

    it.each([-1, 2.5, Number.NaN])('rejects a strength of %s', (strength) => {
      expect(given().when(register({ strength }))).toThrow(violation('invalid_count', 'strength'));
    });

    it.each([
      ['rotated', rotate()],
      ['re-hatted', reHat()],
      ['evaluated', evaluate()],
      ['commended', commend()],
      ['notified about', notifyTcc()],
      ['answered for', recordResponse()],
    ])('cannot be %s', (_label, cmd) => {
      expect(given().when(cmd)).toThrow(NotFoundError);
      expect(given().when(cmd)).toThrow(expect.objectContaining({ code: 'contingent_not_found' }));
    });
  });

  describe('when registered', () => {
    it('rejects registering it again', () => {
      expect(given(registered).when(register())).toThrow(violation('contingent_exists'));
    });

    describe('rotating', () => {
      it('records the rotation at the time it started', () => {
        expect(given(registered).when(rotate({ strength: 820 }))()).toEqual([
          {
            type: 'ContingentRotated',
            occurredAt: '2016-10-01T00:00:00Z',
            data: {
              contingentId,
              rotationId: 'r-1',
              startedAt: '2016-10-01T00:00:00Z',
              strength: 820,
            },
          },
        ]);
      });

      it("keeps the new commander's details apart, under the commander's subject id", () => {
        const [event] = given(registered).when(
          rotate({ commanderSubjectId: 'subj-9', commanderDetails: { rank: 'Colonel' } }),
        )();
        expect(event?.data).toMatchObject({
          commanderSubjectId: 'subj-9',
          personal: { 'subj-9': { rank: 'Colonel' } },
        });
      });

      it('rejects commander details without a commander subject id', () => {
        expect(given(registered).when(rotate({ commanderDetails: { rank: 'Colonel' } }))).toThrow(
          violation('commander_subject_required', 'commanderSubjectId'),
        );
      });

      it('rejects a start time without a zone', () => {
        expect(given(registered).when(rotate({ startedAt: '2016-10-01T00:00:00' }))).toThrow(
          violation('invalid_time', 'startedAt'),
        );
      });

      it('rejects a negative strength', () => {
        expect(given(registered).when(rotate({ strength: -5 }))).toThrow(
          violation('invalid_count', 'strength'),
        );
      });

      it('counts rotations, keeps the last known strength and forgets the old commander', () => {
        const first = given(registered).when(rotate({ commanderSubjectId: 'subj-1' }))();
        const second = given(registered, ...first).when(rotate({ rotationId: 'r-2' }))();
        expect(foldEvents(contingentDecider, [registered, ...first, ...second])).toMatchObject({
          rotations: 2,
          strength: 850,
          commanderSubjectId: undefined,
        });
      });
    });

    describe('re-hatting', () => {
      const intoUnamid = reHat({ toMissionCode: 'UNAMID' });

      it('records the move from the mission it is in', () => {
        expect(given(registered).when(intoUnamid)()).toEqual([
          {
            type: 'ContingentReHatted',
            occurredAt: '2008-01-01T00:00:00Z',
            data: {
              contingentId,
              fromOperation: 'AMIS',
              fromMissionCode: 'UNMISS',
              toMissionCode: 'UNAMID',
              at: '2008-01-01T00:00:00Z',
            },
          },
        ]);
      });

      it('rejects a re-hat into the mission it already serves in', () => {
        expect(given(registered).when(reHat({ toMissionCode: 'UNMISS' }))).toThrow(
          violation('already_in_mission', 'toMissionCode'),
        );
      });

      it('rejects a blank former operation', () => {
        expect(given(registered).when(reHat({ fromOperation: '' }))).toThrow(
          violation('text_required', 'fromOperation'),
        );
      });

      it('serves in the new mission afterwards', () => {
        const moved = given(registered).when(intoUnamid)();
        const [next] = given(registered, ...moved).when(reHat({ toMissionCode: 'MINUSCA' }))();
        expect(next?.data).toMatchObject({ fromMissionCode: 'UNAMID', toMissionCode: 'MINUSCA' });
      });
    });

    describe('evaluating', () => {
      it('records the evaluation at the time it was made', () => {
        const [event] = given(registered).when(evaluate())();
        expect(event).toEqual({
          type: 'ContingentEvaluated',
          occurredAt: '2016-12-01T00:00:00Z',
          data: {
            contingentId,
            evaluationId: 'e-1',
            evaluatedAt: '2016-12-01T00:00:00Z',
            rating: 'meets_standard',
            summary: 'Patrols conducted as tasked.',
          },
        });
      });

      it('rejects a rating outside the vocabulary', () => {
        expect(given(registered).when(evaluate({ rating: 'excellent' }))).toThrow(
          violation('not_in_vocabulary', 'rating'),
        );
      });

      it('rejects a blank summary', () => {
        expect(given(registered).when(evaluate({ summary: '' }))).toThrow(
          violation('text_required', 'summary'),
        );
      });
    });

    describe('commending', () => {
      it('records the commendation at its date', () => {
        const [event] = given(registered).when(commend())();
        expect(event).toMatchObject({
          type: 'ContingentCommended',
          occurredAt: '2017-01-15T00:00:00Z',
          data: { contingentId, commendationId: 'c-1', at: '2017-01-15T00:00:00Z' },
        });
      });

      it('rejects a blank citation', () => {
        expect(given(registered).when(commend({ citation: '\t' }))).toThrow(
          violation('text_required', 'citation'),
        );
      });
    });

    describe('notifying the contributing country', () => {
      it("records the notification to the contingent's own country", () => {
        expect(given(registered).when(notifyTcc())()).toEqual([
          {
            type: 'TccNotified',
            occurredAt: '2016-08-20T09:00:00+03:00',
            data: {
              contingentId,
              notificationId: 'n-2',
              country: 'ETH',
              subjectStreamId: 'investigation-0190a1b2-0000-7000-8000-0000000000bb',
              notifiedAt: '2016-08-20T09:00:00+03:00',
              channel: 'permanent_mission_meeting',
            },
          },
        ]);
      });

      it.each(['mission-UNMISS', 'contingent-x', 'incident-', 'no stream'])(
        'rejects a notification about %s',
        (subjectStreamId) => {
          expect(given(registered).when(notifyTcc({ subjectStreamId }))).toThrow(
            violation('invalid_subject_stream', 'subjectStreamId'),
          );
        },
      );

      it('rejects a channel outside the vocabulary', () => {
        expect(given(registered).when(notifyTcc({ channel: 'carrier_pigeon' }))).toThrow(
          violation('not_in_vocabulary', 'channel'),
        );
      });

      it('rejects a notification id that is already recorded', () => {
        expect(given(registered, notified).when(notifyTcc({ notificationId: 'n-1' }))).toThrow(
          violation('notification_exists', 'notificationId'),
        );
      });
    });

    describe("recording the country's response", () => {
      it('records a response to a notification, from the same country', () => {
        const when = recordResponse({ respondedAt: '2016-08-10T00:00:00Z' });
        expect(given(registered, notified).when(when)()).toEqual([
          {
            type: 'TccResponseRecorded',
            occurredAt: '2016-08-10T00:00:00Z',
            data: {
              contingentId,
              responseId: 'resp-1',
              country: 'ETH',
              regarding: 'n-1',
              statement: 'A national investigation officer has been appointed.',
              respondedAt: '2016-08-10T00:00:00Z',
            },
          },
        ]);
      });

      it('dates the response when the ledger learnt it unless told otherwise', () => {
        const [event] = given(registered, notified).when(recordResponse())();
        expect(event).toMatchObject({ occurredAt: meta.now, data: { respondedAt: meta.now } });
      });

      it('rejects a response to a notification this contingent never received', () => {
        expect(given(registered, notified).when(recordResponse({ regarding: 'n-404' }))).toThrow(
          violation('unknown_notification', 'regarding'),
        );
      });

      it('rejects a response dated before the notification it answers', () => {
        const early = recordResponse({ respondedAt: '2016-07-31T23:00:00Z' });
        expect(given(registered, notified).when(early)).toThrow(
          violation('response_before_notification', 'respondedAt'),
        );
      });

      it('rejects a blank statement', () => {
        expect(given(registered, notified).when(recordResponse({ statement: ' ' }))).toThrow(
          violation('text_required', 'statement'),
        );
      });
    });
  });

  describe('for any sequence of commands', () => {
    const id = fc.constantFrom('a', 'b', 'c');
    const day = fc
      .integer({ min: 1, max: 28 })
      .map((d) => `2016-08-${String(d).padStart(2, '0')}T00:00:00Z`);
    const anyCommand: fc.Arbitrary<ContingentCommand> = fc.oneof(
      fc.constant(register()),
      fc.record({ strength: fc.integer({ min: -1, max: 900 }) }).map(rotate),
      fc
        .constantFrom('UNMISS', 'UNAMID', 'MINUSCA')
        .map((toMissionCode) => reHat({ toMissionCode })),
      fc.constant(evaluate()),
      fc.constant(commend()),
      { arbitrary: fc.record({ notificationId: id, notifiedAt: day }).map(notifyTcc), weight: 3 },
      { arbitrary: fc.record({ regarding: id, respondedAt: day }).map(recordResponse), weight: 4 },
    );

    // Mostly registered first, so the later commands have a contingent to act on.
    const anyCommands = fc
      .tuple(fc.boolean(), fc.array(anyCommand, { minLength: 5, maxLength: 30 }))
      .map(([registerFirst, rest]) => (registerFirst ? [register(), ...rest] : rest));

    const run = (commands: ContingentCommand[]) =>
      commands.reduce<ContingentEvent[]>((history, cmd) => {
        try {
          return [
            ...history,
            ...contingentDecider.decide(cmd, foldEvents(contingentDecider, history)),
          ];
        } catch (error) {
          if (error instanceof DomainError) return history;
          throw error;
        }
      }, []);

    it('answers only notifications sent earlier, and never before they were sent', () => {
      fc.assert(
        fc.property(anyCommands, (commands) => {
          const history = run(commands);
          history.forEach((event, index) => {
            if (event.type !== 'TccResponseRecorded') return;
            const notification = history
              .slice(0, index)
              .find(
                (e) => e.type === 'TccNotified' && e.data.notificationId === event.data.regarding,
              );
            expect(notification).toBeDefined();
            expect(Date.parse(event.data.respondedAt)).toBeGreaterThanOrEqual(
              Date.parse(notification?.occurredAt ?? ''),
            );
          });
        }),
      );
    });

    it('folds the same history to the same state, without touching the events', () => {
      fc.assert(
        fc.property(anyCommands, (commands) => {
          const history = run(commands);
          const frozen = structuredClone(history).map(deepFreeze);
          expect(foldEvents(contingentDecider, frozen)).toEqual(
            foldEvents(contingentDecider, history),
          );
          expect(frozen).toEqual(history);
        }),
      );
    });
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
