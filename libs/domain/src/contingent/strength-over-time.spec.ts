import fc from 'fast-check';
import { strengthOverTime, type DatedChange, type StrengthPeriod } from './strength-over-time';

// Kenya's battalion in UNMISS: deployed, rotated, withdrawn in protest, back two months later.
const deployed: DatedChange = {
  kind: 'deployment',
  at: '2016-01-01T00:00:00Z',
  seq: 0,
  missionCode: 'UNMISS',
  strength: 1000,
};
const rotated: DatedChange = {
  kind: 'rotation',
  at: '2016-06-01T00:00:00Z',
  seq: 1,
  strength: 980,
};
const withdrawn: DatedChange = {
  kind: 'withdrawal',
  at: '2016-11-09T00:00:00+03:00',
  seq: 2,
  by: 'contributing_country',
};
const returned: DatedChange = { kind: 'return', at: '2017-01-29T00:00:00+03:00', seq: 3 };

describe('Strength over time', () => {
  it('counts nothing for a unit with no dated record', () => {
    expect(strengthOverTime({ missionCode: 'UNMISS', strength: 850 }, [])).toEqual([]);
  });

  it('starts at the deployment, at the registered strength, and runs on', () => {
    expect(strengthOverTime({ missionCode: 'UNMISS', strength: 1000 }, [deployed])).toEqual([
      {
        from: '2016-01-01T00:00:00.000Z',
        to: null,
        strength: 1000,
        missionCode: 'UNMISS',
        status: 'deployed',
      },
    ]);
  });

  it('counts zero while the unit is withdrawn, and the strength it left with once it returns', () => {
    expect(
      strengthOverTime({ missionCode: 'UNMISS', strength: 1000 }, [
        deployed,
        rotated,
        withdrawn,
        returned,
      ]),
    ).toEqual([
      {
        from: '2016-01-01T00:00:00.000Z',
        to: '2016-06-01T00:00:00.000Z',
        strength: 1000,
        missionCode: 'UNMISS',
        status: 'deployed',
      },
      {
        from: '2016-06-01T00:00:00.000Z',
        to: '2016-11-08T21:00:00.000Z',
        strength: 980,
        missionCode: 'UNMISS',
        status: 'deployed',
      },
      {
        from: '2016-11-08T21:00:00.000Z',
        to: '2017-01-28T21:00:00.000Z',
        strength: 0,
        missionCode: 'UNMISS',
        status: 'withdrawn',
      },
      {
        from: '2017-01-28T21:00:00.000Z',
        to: null,
        strength: 980,
        missionCode: 'UNMISS',
        status: 'deployed',
      },
    ]);
  });

  it('counts zero from a repatriation by decision, and says so', () => {
    const repatriated: DatedChange = {
      kind: 'withdrawal',
      at: '2017-06-01T00:00:00Z',
      seq: 1,
      by: 'united_nations',
      decisionId: 'decision-1',
    };
    expect(strengthOverTime({ missionCode: 'MINUSCA' }, [repatriated]).at(-1)).toEqual({
      from: '2017-06-01T00:00:00.000Z',
      to: null,
      strength: 0,
      missionCode: 'MINUSCA',
      status: 'repatriated',
    });
  });

  it('moves the unit to the mission it is re-hatted into, at the same strength', () => {
    const periods = strengthOverTime({ missionCode: 'MISCA', strength: 850 }, [
      {
        kind: 'deployment',
        at: '2014-01-01T00:00:00Z',
        seq: 0,
        missionCode: 'MISCA',
        strength: 850,
      },
      { kind: 're_hatting', at: '2014-09-15T00:00:00Z', seq: 1, toMissionCode: 'MINUSCA' },
    ]);
    expect(periods.map((p) => [p.missionCode, p.strength, p.to])).toEqual([
      ['MISCA', 850, '2014-09-15T00:00:00.000Z'],
      ['MINUSCA', 850, null],
    ]);
  });

  it('keeps an unrecorded strength unknown, and starts without a deployment at the first dated record', () => {
    expect(
      strengthOverTime({ missionCode: 'UNMISS' }, [
        { kind: 'rotation', at: '2016-03-01T00:00:00Z', seq: 0 },
        { kind: 'rotation', at: '2016-09-01T00:00:00Z', seq: 1, strength: 700 },
      ]),
    ).toEqual([
      {
        from: '2016-03-01T00:00:00.000Z',
        to: '2016-09-01T00:00:00.000Z',
        strength: null,
        missionCode: 'UNMISS',
        status: 'deployed',
      },
      {
        from: '2016-09-01T00:00:00.000Z',
        to: null,
        strength: 700,
        missionCode: 'UNMISS',
        status: 'deployed',
      },
    ]);
  });

  it('orders changes by their date, not by when they were recorded', () => {
    const lateRecord: DatedChange = { ...rotated, seq: 9 };
    expect(
      strengthOverTime({ missionCode: 'UNMISS', strength: 1000 }, [
        withdrawn,
        lateRecord,
        deployed,
        returned,
      ]),
    ).toEqual(
      strengthOverTime({ missionCode: 'UNMISS', strength: 1000 }, [
        deployed,
        rotated,
        withdrawn,
        returned,
      ]),
    );
  });

  it('makes one period of a rotation that changes nothing', () => {
    const same: DatedChange = {
      kind: 'rotation',
      at: '2016-06-01T00:00:00Z',
      seq: 1,
      strength: 1000,
    };
    expect(
      strengthOverTime({ missionCode: 'UNMISS', strength: 1000 }, [deployed, same]),
    ).toHaveLength(1);
  });

  describe('for any history of dated changes', () => {
    const DAY = 86_400_000;
    const START = Date.UTC(2010, 0, 1);
    const change = fc.oneof(
      fc.record({
        kind: fc.constant('rotation' as const),
        strength: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('re_hatting' as const),
        toMissionCode: fc.constantFrom('UNMISS', 'UNAMID', 'MINUSCA'),
      }),
      fc.record({
        kind: fc.constant('withdrawal' as const),
        by: fc.constantFrom('contributing_country' as const, 'united_nations' as const),
        decisionId: fc.option(fc.constant('d-1'), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('return' as const),
        strength: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
      }),
    );
    const history = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 400 }), change), { maxLength: 25 })
      .map((items) =>
        items.map(
          ([day, c], seq) =>
            ({
              ...stripUndefined(c),
              at: new Date(START + day * DAY).toISOString(),
              seq,
            }) as DatedChange,
        ),
      );
    const registered = fc.record({
      missionCode: fc.constant('UNMISS'),
      strength: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    });

    /** The reference: the changes dated up to `t`, folded in date order, read at `t`. */
    function strengthAt(
      reg: { missionCode: string; strength?: number },
      changes: DatedChange[],
      t: number,
    ) {
      const upTo = changes
        .filter((c) => Date.parse(c.at) <= t)
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq);
      if (upTo.length === 0) return undefined;
      let strength: number | null = reg.strength ?? null;
      let gone = false;
      for (const c of upTo) {
        if (c.kind === 'rotation' || c.kind === 'return') strength = c.strength ?? strength;
        if (c.kind === 'withdrawal') gone = true;
        if (c.kind === 'return') gone = false;
      }
      return gone ? 0 : strength;
    }

    const periodAt = (periods: StrengthPeriod[], t: number) =>
      periods.find((p) => Date.parse(p.from) <= t && (p.to === null || t < Date.parse(p.to)));

    it('gives at every instant the strength that folding the changes dated up to it gives', () => {
      fc.assert(
        fc.property(
          registered,
          history,
          fc.array(fc.integer({ min: -2, max: 402 }), { minLength: 1, maxLength: 20 }),
          (reg, changes, days) => {
            const periods = strengthOverTime(reg, changes);
            for (const day of days) {
              for (const t of [START + day * DAY, START + day * DAY + DAY / 2]) {
                expect(periodAt(periods, t)?.strength).toEqual(strengthAt(reg, changes, t));
              }
            }
          },
        ),
      );
    });

    it('tiles time without gaps or overlaps from the first dated change on, and counts zero exactly while gone', () => {
      fc.assert(
        fc.property(registered, history, (reg, changes) => {
          const periods = strengthOverTime(reg, changes);
          if (changes.length === 0) return expect(periods).toEqual([]);
          const first = Math.min(...changes.map((c) => Date.parse(c.at)));
          expect(Date.parse(periods[0].from)).toBe(first);
          periods.forEach((period, index) => {
            const next = periods[index + 1];
            expect(period.to).toBe(next === undefined ? null : next.from);
            if (period.to !== null)
              expect(Date.parse(period.to)).toBeGreaterThan(Date.parse(period.from));
            expect(period.strength === 0 || period.status === 'deployed').toBe(true);
            if (period.status !== 'deployed') expect(period.strength).toBe(0);
          });
        }),
      );
    });

    it('does not depend on the order changes dated differently were recorded in', () => {
      fc.assert(
        fc.property(registered, history, fc.infiniteStream(fc.nat()), (reg, changes, randoms) => {
          const distinct = changes.filter((c, i) => changes.findIndex((d) => d.at === c.at) === i);
          const iterator = randoms[Symbol.iterator]();
          const shuffled = [...distinct].sort(() => (iterator.next().value % 3) - 1);
          expect(strengthOverTime(reg, shuffled)).toEqual(strengthOverTime(reg, distinct));
        }),
      );
    });
  });
});

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
