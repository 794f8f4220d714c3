import fc from 'fast-check';
import { dueOf, outcomeAt } from './deadline-clock';
import {
  allowanceOf,
  DEADLINE_KINDS,
  DEADLINE_RULES,
  deadlineRuleOf,
  DEFAULT_DEADLINE_POLICY,
} from './deadline-rules';

const at = (iso: string) => Date.parse(iso);

describe('Deadlines', () => {
  describe('the rules', () => {
    it('hold one rule for each kind, each with its source and basis', () => {
      expect(DEADLINE_RULES.map((rule) => rule.kind)).toEqual([...DEADLINE_KINDS]);
      for (const rule of DEADLINE_RULES) {
        expect(rule.source.length).toBeGreaterThan(20);
        expect(rule.startsWhen.length).toBeGreaterThan(10);
        expect(rule.metWhen.length).toBeGreaterThan(10);
      }
    });

    it('give the national investigation officer five working days and the investigation ninety days', () => {
      expect(deadlineRuleOf('national_investigator_appointment').allowed).toEqual({
        workingDays: 5,
      });
      expect(deadlineRuleOf('national_investigation_conclusion').allowed).toEqual({ days: 90 });
    });

    it('take the reply and decision windows from the ledger’s policy, and say it is policy', () => {
      const policy = { replyWindowDays: 14, decisionWindowDays: 60 };
      expect(allowanceOf(deadlineRuleOf('tcc_reply'), policy)).toEqual({ days: 14 });
      expect(allowanceOf(deadlineRuleOf('recommendation_decision'), policy)).toEqual({ days: 60 });
      expect(deadlineRuleOf('tcc_reply').basis).toBe('ledger_policy');
      expect(deadlineRuleOf('recommendation_decision').basis).toBe('ledger_policy');
      expect(DEFAULT_DEADLINE_POLICY).toEqual({ replyWindowDays: 30, decisionWindowDays: 90 });
    });
  });

  describe('when they fall due', () => {
    it('run five working days from a Wednesday notification to the end of the next Wednesday, in its offset', () => {
      expect(dueOf('2021-06-09T15:00:00+01:00', { workingDays: 5 })).toEqual({
        dueAt: '2021-06-17T00:00:00+01:00',
        dueMs: at('2021-06-16T23:00:00Z'),
        offsetMinutes: 60,
      });
    });

    it('skip the weekend from a Friday notification', () => {
      expect(dueOf('2021-06-11T09:00:00Z', { workingDays: 5 }).dueAt).toBe('2021-06-19T00:00:00Z');
    });

    it('run ninety calendar days to the end of the ninetieth day', () => {
      expect(dueOf('2021-06-09T15:00:00+01:00', { days: 90 }).dueAt).toBe(
        '2021-09-08T00:00:00+01:00',
      );
    });

    it('fall on the investigation’s own due date, to the instant', () => {
      expect(
        dueOf('2021-06-01T00:00:00Z', { untilField: 'dueBy' }, '2021-09-30T17:00:00+02:00'),
      ).toEqual({
        dueAt: '2021-09-30T17:00:00+02:00',
        dueMs: at('2021-09-30T15:00:00Z'),
        offsetMinutes: 120,
      });
    });
  });

  describe('their status at an instant', () => {
    const due = dueOf('2021-06-09T15:00:00+01:00', { workingDays: 5 });

    it('is open before the due instant, not yet met', () => {
      expect(outcomeAt(due, null, at('2021-06-16T22:59:59Z'))).toEqual({ status: 'open' });
    });

    it('is overdue from the due instant on, and says by how much', () => {
      expect(outcomeAt(due, null, at('2021-06-16T23:00:00Z'))).toEqual({
        status: 'overdue',
        daysLate: 1,
        workingDaysLate: 1,
      });
    });

    it('is met when met before it falls due', () => {
      expect(outcomeAt(due, '2021-06-16T23:30:00+01:00', at('2021-07-01T00:00:00Z'))).toEqual({
        status: 'met',
      });
    });

    it('is missed when met late: nine working days after the Wednesday, on the Tuesday after next', () => {
      expect(outcomeAt(due, '2021-06-29T10:00:00+01:00', at('2021-07-01T00:00:00Z'))).toEqual({
        status: 'missed',
        daysLate: 13,
        workingDaysLate: 9,
      });
    });

    it('does not count a meeting dated after the clock', () => {
      expect(outcomeAt(due, '2021-06-29T10:00:00+01:00', at('2021-06-20T00:00:00Z'))).toMatchObject(
        {
          status: 'overdue',
        },
      );
      expect(outcomeAt(due, '2021-06-10T10:00:00+01:00', at('2021-06-09T20:00:00Z'))).toEqual({
        status: 'open',
      });
    });

    it('is missed on the due date itself when due at an instant and met an hour later', () => {
      const byDate = dueOf('2021-06-01T00:00:00Z', { untilField: 'dueBy' }, '2021-09-30T17:00:00Z');
      expect(outcomeAt(byDate, '2021-09-30T18:00:00Z', at('2021-10-01T00:00:00Z'))).toEqual({
        status: 'missed',
        daysLate: 0,
        workingDaysLate: 0,
      });
    });

    it('is exactly one status, met in time or not, at any instant', () => {
      const day = (n: number) => new Date(Date.UTC(2021, 5, 1) + n * 3_600_000).toISOString();
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2000 }),
          fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
          fc.integer({ min: 0, max: 2000 }),
          fc.constantFrom({ workingDays: 5 }, { days: 90 }, { days: 1 }),
          (start, met, clock, allowance) => {
            const d = dueOf(day(start), allowance);
            const metAt = met === null ? null : day(met);
            const outcome = outcomeAt(d, metAt, at(day(clock)));
            const counted = metAt !== null && at(metAt) <= at(day(clock));
            const expected = counted
              ? at(metAt) < d.dueMs
                ? 'met'
                : 'missed'
              : at(day(clock)) < d.dueMs
                ? 'open'
                : 'overdue';
            expect(outcome.status).toBe(expected);
            const late = outcome.status === 'missed' || outcome.status === 'overdue';
            expect(outcome.daysLate !== undefined).toBe(late);
            if (late) {
              expect(outcome.daysLate).toBeGreaterThanOrEqual(outcome.workingDaysLate as number);
              expect(outcome.daysLate).toBeGreaterThanOrEqual(0);
            }
          },
        ),
      );
    });
  });
});
