import fc from 'fast-check';
import {
  addWorkingDays,
  dayOf,
  instantInOffset,
  isWorkingDay,
  offsetMinutesOf,
  startOfDay,
  weekdayOf,
  workingDaysBetween,
} from './working-days';

const day = (iso: string) => dayOf(Date.parse(`${iso}T12:00:00Z`), 0);
const date = (n: number) => new Date(startOfDay(n, 0)).toISOString().slice(0, 10);

describe('Working days', () => {
  it('are Monday to Friday', () => {
    // 2021-06-07 was a Monday.
    expect(
      ['2021-06-06', '2021-06-07', '2021-06-11', '2021-06-12'].map((d) => isWorkingDay(day(d))),
    ).toEqual([false, true, true, false]);
    expect(weekdayOf(day('1970-01-01'))).toBe(4);
  });

  it('run five from a Wednesday to the next Wednesday', () => {
    expect(date(addWorkingDays(day('2021-06-09'), 5))).toBe('2021-06-16');
  });

  it('run from a Friday to the Monday for one, past the weekend', () => {
    expect(date(addWorkingDays(day('2021-06-11'), 1))).toBe('2021-06-14');
  });

  it('run from a Saturday as from the Friday before', () => {
    expect(date(addWorkingDays(day('2021-06-12'), 5))).toBe(
      date(addWorkingDays(day('2021-06-11'), 5)),
    );
  });

  it('count those after the first day up to the last, not public holidays', () => {
    expect(workingDaysBetween(day('2021-06-16'), day('2021-06-29'))).toBe(9);
    expect(workingDaysBetween(day('2021-12-24'), day('2021-12-27'))).toBe(1);
    expect(workingDaysBetween(day('2021-06-16'), day('2021-06-16'))).toBe(0);
    expect(workingDaysBetween(day('2021-06-18'), day('2021-06-20'))).toBe(0);
  });

  it('read the offset an instant was written in', () => {
    expect(offsetMinutesOf('2021-06-09T10:00:00Z')).toBe(0);
    expect(offsetMinutesOf('2021-06-09T10:00:00+01:00')).toBe(60);
    expect(offsetMinutesOf('2021-06-09T10:00:00.5-04:30')).toBe(-270);
  });

  it('fall on the day of the offset: late evening in New York is the next day in UTC', () => {
    const ms = Date.parse('2021-06-09T22:00:00-04:00');
    expect(date(dayOf(ms, -240))).toBe('2021-06-09');
    expect(date(dayOf(ms, 0))).toBe('2021-06-10');
  });

  it('write an instant back in its offset', () => {
    expect(instantInOffset(Date.parse('2021-06-17T04:00:00Z'), -240)).toBe(
      '2021-06-17T00:00:00-04:00',
    );
    expect(instantInOffset(Date.parse('2021-06-17T04:00:00Z'), 0)).toBe('2021-06-17T04:00:00Z');
    expect(instantInOffset(Date.parse('2021-06-16T23:00:00Z'), 60)).toBe(
      '2021-06-17T00:00:00+01:00',
    );
  });

  describe('for any day and count', () => {
    const anyDay = fc.integer({ min: -50_000, max: 50_000 });
    const count = fc.integer({ min: 1, max: 400 });

    it('land on a working day, that many working days on', () => {
      fc.assert(
        fc.property(anyDay, count, (from, n) => {
          const to = addWorkingDays(from, n);
          expect(isWorkingDay(to)).toBe(true);
          expect(workingDaysBetween(from, to)).toBe(n);
          expect(workingDaysBetween(from, to - 1)).toBe(n - 1);
        }),
      );
    });

    it('take at least as many calendar days, and at most two more for each week begun', () => {
      fc.assert(
        fc.property(anyDay, count, (from, n) => {
          const span = addWorkingDays(from, n) - from;
          expect(span).toBeGreaterThanOrEqual(n);
          expect(span).toBeLessThanOrEqual(n + 2 * Math.ceil(n / 5) + 2);
        }),
      );
    });

    it('count five in every seven days, and add up over consecutive spans', () => {
      fc.assert(
        fc.property(anyDay, fc.nat(300), fc.nat(300), (a, x, y) => {
          expect(workingDaysBetween(a, a + 7)).toBe(5);
          expect(workingDaysBetween(a, a + x) + workingDaysBetween(a + x, a + x + y)).toBe(
            workingDaysBetween(a, a + x + y),
          );
        }),
      );
    });

    it('count as a walk through the days would', () => {
      fc.assert(
        fc.property(anyDay, fc.nat(60), (from, span) => {
          let walked = 0;
          for (let d = from + 1; d <= from + span; d++) if (weekdayOf(d) % 6 !== 0) walked++;
          expect(workingDaysBetween(from, from + span)).toBe(walked);
        }),
      );
    });

    it('place every instant in the day of its offset, between the day’s start and the next', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: -2e12, max: 4e12 }),
          fc.integer({ min: -14 * 60, max: 14 * 60 }),
          (ms, offset) => {
            const d = dayOf(ms, offset);
            expect(startOfDay(d, offset)).toBeLessThanOrEqual(ms);
            expect(ms).toBeLessThan(startOfDay(d + 1, offset));
            expect(Date.parse(instantInOffset(startOfDay(d, offset), offset))).toBe(
              startOfDay(d, offset),
            );
          },
        ),
      );
    });
  });
});
