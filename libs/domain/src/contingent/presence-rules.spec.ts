import fc from 'fast-check';
import { CommandMeta, DomainError, foldEvents } from '../shared';
import {
  ContingentCommand,
  contingentDecider,
  type RegisteredContingent,
} from './contingent.decider';
import type { ContingentEvent, ContingentRegistered } from './contingent.events';
import { strengthOverTime } from './strength-over-time';

// Kenya's battalion in UNMISS, 2016: withdrawn in protest at the force commander's dismissal,
// back at the end of January 2017.
const meta: CommandMeta = { now: '2017-02-01T09:00:00Z', actor: { id: 'admin-1', role: 'admin' } };
const contingentId = 'contingent-ken-batt';

const registered: ContingentRegistered = {
  type: 'ContingentRegistered',
  data: {
    contingentId,
    country: 'KEN',
    unitType: 'infantry_battalion',
    designation: 'Kenyan battalion',
    missionCode: 'UNMISS',
    strength: 1000,
    deployedAt: '2016-01-15T00:00:00+03:00',
  },
};

const command = <C extends ContingentCommand>(type: C['type'], data: C['data']) =>
  ({ type, data, meta }) as C;
const withdraw = (data: Record<string, unknown> = {}) =>
  command('WithdrawContingent', {
    at: '2016-11-09T00:00:00+03:00',
    by: 'contributing_country',
    reason: 'In protest at the dismissal of the Kenyan force commander',
    ...data,
  });
const returnTo = (data: Record<string, unknown> = {}) =>
  command('ReturnContingent', { at: '2017-01-29T00:00:00+03:00', ...data });
const rotate = (startedAt: string, data: Record<string, unknown> = {}) =>
  command('RotateContingent', { rotationId: `r-${startedAt}`, startedAt, ...data });
const reHat = (at: string) =>
  command('ReHatContingent', { fromOperation: 'AMISOM', toMissionCode: 'UNISFA', at });

const withdrawn: ContingentEvent = {
  type: 'ContingentWithdrawn',
  occurredAt: '2016-11-09T00:00:00+03:00',
  data: {
    contingentId,
    at: '2016-11-09T00:00:00+03:00',
    by: 'contributing_country',
    reason: 'In protest at the dismissal of the Kenyan force commander',
  },
};
const returned: ContingentEvent = {
  type: 'ContingentReturned',
  occurredAt: '2017-01-29T00:00:00+03:00',
  data: { contingentId, at: '2017-01-29T00:00:00+03:00' },
};

const stateAfter = (...events: ContingentEvent[]) =>
  foldEvents(contingentDecider, events) as RegisteredContingent;
const given = (...events: ContingentEvent[]) => ({
  when: (cmd: ContingentCommand) => () => contingentDecider.decide(cmd, stateAfter(...events)),
});
const violation = (code: string, field?: string) =>
  expect.objectContaining({ kind: 'rule_violation', code, ...(field ? { field } : {}) });

describe('Contingent presence', () => {
  describe('registering', () => {
    const register = (deployedAt?: string) =>
      command('RegisterContingent', { ...registered.data, deployedAt });

    it('records when the unit deployed, where the ledger knows it', () => {
      expect(given().when(register('2016-01-15T00:00:00+03:00'))()).toEqual([registered]);
    });

    it('leaves the deployment out when it is not known', () => {
      const [event] = given().when(register(undefined))();
      expect(event.data).not.toHaveProperty('deployedAt');
      expect(stateAfter(event).presence).toEqual({ status: 'deployed' });
    });

    it('rejects a deployment time without a zone', () => {
      expect(given().when(register('2016-01-15'))).toThrow(violation('invalid_time', 'deployedAt'));
    });
  });

  describe('when deployed', () => {
    it('is deployed since its deployment', () => {
      expect(stateAfter(registered).presence).toEqual({
        status: 'deployed',
        since: '2016-01-15T00:00:00+03:00',
      });
    });

    it('is withdrawn by its country, with the reason, occurring then', () => {
      expect(given(registered).when(withdraw())()).toEqual([withdrawn]);
    });

    it('is gone afterwards, saying since when, by whom and why', () => {
      expect(stateAfter(registered, withdrawn).presence).toEqual({
        status: 'withdrawn',
        since: '2016-11-09T00:00:00+03:00',
        by: 'contributing_country',
        reason: 'In protest at the dismissal of the Kenyan force commander',
      });
    });

    it('is repatriated by the implementation of a decision, which is the UN withdrawing it', () => {
      const [event] = given(registered).when(
        withdraw({
          by: 'united_nations',
          reason: 'Repatriation decided',
          decisionId: 'decision-1',
        }),
      )();
      expect(event.data).toMatchObject({ by: 'united_nations', decisionId: 'decision-1' });
      expect(stateAfter(registered, event).presence).toMatchObject({
        status: 'repatriated',
        decisionId: 'decision-1',
      });
    });

    it('rejects a decision named on a withdrawal by the country', () => {
      expect(given(registered).when(withdraw({ decisionId: 'decision-1' }))).toThrow(
        violation('decision_is_united_nations', 'by'),
      );
    });

    it.each([
      ['without a reason', { reason: ' ' }, 'text_required', 'reason'],
      ['by someone outside the vocabulary', { by: 'host_government' }, 'not_in_vocabulary', 'by'],
      ['at a time without a zone', { at: '2016-11-09' }, 'invalid_time', 'at'],
    ])('rejects a withdrawal %s', (_label, data, code, field) => {
      expect(given(registered).when(withdraw(data))).toThrow(violation(code, field));
    });

    it('rejects a withdrawal dated before something its record holds later', () => {
      const rotation = given(registered).when(rotate('2016-12-01T00:00:00Z'))();
      expect(given(registered, ...rotation).when(withdraw())).toThrow(
        violation('withdrawn_before_last_record', 'at'),
      );
    });

    it('rejects a withdrawal before its deployment', () => {
      expect(given(registered).when(withdraw({ at: '2015-12-31T00:00:00Z' }))).toThrow(
        violation('withdrawn_before_last_record', 'at'),
      );
    });

    it('rejects a return of a unit that has not left', () => {
      expect(given(registered).when(returnTo())).toThrow(violation('contingent_not_withdrawn'));
    });

    it('rejects a rotation before the deployment', () => {
      expect(given(registered).when(rotate('2015-06-01T00:00:00Z'))).toThrow(
        violation('before_deployment', 'startedAt'),
      );
    });
  });

  describe('when withdrawn', () => {
    it('rejects a second withdrawal', () => {
      expect(given(registered, withdrawn).when(withdraw({ at: '2016-12-01T00:00:00Z' }))).toThrow(
        violation('contingent_not_deployed'),
      );
    });

    it('rejects a rotation or a re-hatting while it is gone', () => {
      expect(given(registered, withdrawn).when(rotate('2016-12-01T00:00:00Z'))).toThrow(
        violation('contingent_not_deployed', 'startedAt'),
      );
      expect(given(registered, withdrawn).when(reHat('2016-12-01T00:00:00Z'))).toThrow(
        violation('contingent_not_deployed', 'at'),
      );
    });

    it('still takes a rotation dated before it left, recorded late', () => {
      expect(given(registered, withdrawn).when(rotate('2016-07-01T00:00:00Z'))()).toHaveLength(1);
    });

    it('keeps its accountability: evaluations and notifications are still recorded', () => {
      const evaluate = command('EvaluateContingent', {
        evaluationId: 'e-1',
        evaluatedAt: '2016-07-20T00:00:00Z',
        rating: 'below_standard',
        summary: 'Evaluation of the July 2016 response',
      });
      expect(given(registered, withdrawn).when(evaluate)()).toHaveLength(1);
    });

    it('returns, at the strength it left with unless another is given', () => {
      expect(given(registered, withdrawn).when(returnTo())()).toEqual([returned]);
      const [back] = given(registered, withdrawn).when(returnTo({ strength: 700 }))();
      expect(stateAfter(registered, withdrawn, back)).toMatchObject({
        strength: 700,
        presence: { status: 'deployed', since: '2017-01-29T00:00:00+03:00' },
      });
    });

    it('rejects a return before it left', () => {
      expect(given(registered, withdrawn).when(returnTo({ at: '2016-11-01T00:00:00Z' }))).toThrow(
        violation('returned_before_withdrawn', 'at'),
      );
    });

    it('rejects a negative strength on return', () => {
      expect(given(registered, withdrawn).when(returnTo({ strength: -1 }))).toThrow(
        violation('invalid_count', 'strength'),
      );
    });
  });

  describe('when it has come back', () => {
    it('rejects a rotation dated while it was gone', () => {
      expect(given(registered, withdrawn, returned).when(rotate('2016-12-25T00:00:00Z'))).toThrow(
        violation('contingent_not_deployed', 'startedAt'),
      );
    });

    it('counts its strength over time: zero while gone', () => {
      const state = stateAfter(registered, withdrawn, returned);
      expect(
        strengthOverTime(state.registeredAs, state.datedChanges).map((p) => [
          p.from,
          p.to,
          p.strength,
        ]),
      ).toEqual([
        ['2016-01-14T21:00:00.000Z', '2016-11-08T21:00:00.000Z', 1000],
        ['2016-11-08T21:00:00.000Z', '2017-01-28T21:00:00.000Z', 0],
        ['2017-01-28T21:00:00.000Z', null, 1000],
      ]);
    });
  });

  describe('for any sequence of commands', () => {
    const day = (n: number) => new Date(Date.UTC(2016, 0, 1) + n * 86_400_000).toISOString();
    const at = fc.integer({ min: 0, max: 120 }).map(day);
    const anyCommand: fc.Arbitrary<ContingentCommand> = fc.oneof(
      at.map((startedAt) => rotate(startedAt, { strength: 800 })),
      at.map((when) => withdraw({ at: when })),
      at.map((when) => returnTo({ at: when })),
      at.map(reHat),
    );

    it('never dates a rotation or a re-hatting in a time the unit was gone', () => {
      fc.assert(
        fc.property(fc.array(anyCommand, { maxLength: 30 }), (commands) => {
          const history = commands.reduce<ContingentEvent[]>(
            (events, cmd) => {
              try {
                return [...events, ...contingentDecider.decide(cmd, stateAfter(...events))];
              } catch (error) {
                if (error instanceof DomainError) return events;
                throw error;
              }
            },
            [{ ...registered, data: { ...registered.data, deployedAt: day(0) } }],
          );
          const state = stateAfter(...history);
          const inDateOrder = [...state.datedChanges].sort(
            (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq,
          );
          let gone = false;
          for (const change of inDateOrder) {
            if (change.kind === 'rotation' || change.kind === 're_hatting') {
              expect({ change, gone }).toEqual({ change, gone: false });
            }
            if (change.kind === 'withdrawal') gone = true;
            if (change.kind === 'return') gone = false;
          }
          const periods = strengthOverTime(state.registeredAs, state.datedChanges);
          expect(periods.at(-1)?.status === 'deployed').toBe(state.presence.status === 'deployed');
        }),
      );
    });
  });
});
