import fc from 'fast-check';
import type { Attribution } from './investigation.events';
import {
  a,
  an,
  CHINESE_BATTALION,
  given,
  INVESTIGATION_ID,
  NEPALESE_FPU,
  opening,
  toUnit,
  violation,
} from './testing/investigation.fixtures';

describe('Investigation', () => {
  describe('naming a unit', () => {
    const recorded = [
      ...opening(),
      an.findingRecorded('finding-1', { attributions: [toUnit(CHINESE_BATTALION)] }),
      an.findingRecorded('finding-2', {
        attributions: [toUnit(CHINESE_BATTALION), toUnit(NEPALESE_FPU)],
      }),
      an.findingRecorded('finding-3', {
        attributions: [
          { level: 'role', role: 'battalion_commander', contingentId: NEPALESE_FPU },
          { level: 'member_state', country: 'NPL' },
        ],
      }),
    ];

    it('names it on a finding attributed to it', () => {
      expect(
        given(...recorded).when(a.naming('naming-1', CHINESE_BATTALION, ['finding-1'])),
      ).toEqual([
        {
          type: 'UnitNamed',
          data: {
            investigationId: INVESTIGATION_ID,
            namingId: 'naming-1',
            contingentId: CHINESE_BATTALION,
            findingIds: ['finding-1'],
            public: true,
          },
        },
      ]);
    });

    it('names each of two units on the one finding attributed to both', () => {
      const history = [...recorded, an.unitNamed('naming-1', CHINESE_BATTALION, ['finding-2'])];
      expect(
        given(...history).when(a.naming('naming-2', NEPALESE_FPU, ['finding-2'])),
      ).toHaveLength(1);
    });

    it('rejects naming a unit on findings none of which is attributed to it as a unit', () => {
      expect(() =>
        given(...recorded).when(a.naming('naming-1', NEPALESE_FPU, ['finding-1', 'finding-3'])),
      ).toThrow(violation('no_finding_attributed_to_unit', 'findingIds'));
    });

    it('rejects naming a unit on a withdrawn finding', () => {
      expect(() =>
        given(...recorded, an.findingWithdrawn('finding-1')).when(
          a.naming('naming-1', CHINESE_BATTALION, ['finding-1', 'finding-2']),
        ),
      ).toThrow(violation('finding_withdrawn', 'findingIds'));
    });

    it('rejects naming a unit on a finding not recorded in this investigation', () => {
      expect(() =>
        given(...recorded).when(a.naming('naming-1', CHINESE_BATTALION, ['finding-elsewhere'])),
      ).toThrow(violation('unknown_finding', 'findingIds'));
    });

    it('rejects a naming that cites no finding', () => {
      expect(() => given(...recorded).when(a.naming('naming-1', CHINESE_BATTALION, []))).toThrow(
        violation('findings_required', 'findingIds'),
      );
    });

    it('names the same unit again on a further finding', () => {
      const history = [...recorded, an.unitNamed('naming-1', CHINESE_BATTALION, ['finding-1'])];
      expect(
        given(...history).when(a.naming('naming-2', CHINESE_BATTALION, ['finding-1', 'finding-2'])),
      ).toHaveLength(1);
    });

    it('rejects naming the same unit again on findings it was already named on', () => {
      const history = [
        ...recorded,
        an.unitNamed('naming-1', CHINESE_BATTALION, ['finding-1', 'finding-2']),
      ];
      expect(() =>
        given(...history).when(a.naming('naming-2', CHINESE_BATTALION, ['finding-2'])),
      ).toThrow(violation('unit_already_named', 'findingIds'));
    });

    it('rejects a second naming under the same id', () => {
      const history = [...recorded, an.unitNamed('naming-1', CHINESE_BATTALION, ['finding-1'])];
      expect(() =>
        given(...history).when(a.naming('naming-1', NEPALESE_FPU, ['finding-2'])),
      ).toThrow(violation('naming_already_recorded', 'namingId'));
    });

    it('accepts a naming exactly when no cited finding is withdrawn and one is attributed to the unit', () => {
      const units = [CHINESE_BATTALION, NEPALESE_FPU];
      const attribution = fc.constantFrom<Attribution>(
        toUnit(CHINESE_BATTALION),
        toUnit(NEPALESE_FPU),
        { level: 'role', role: 'battalion_commander', contingentId: CHINESE_BATTALION },
        { level: 'member_state', country: 'CHN' },
        { level: 'mission_leadership' },
      );
      const finding = fc.record({
        attributions: fc.uniqueArray(attribution, { minLength: 1, maxLength: 3 }),
        withdrawn: fc.boolean(),
      });
      const scenario = fc.array(finding, { minLength: 1, maxLength: 6 }).chain((findings) =>
        fc.record({
          findings: fc.constant(findings),
          cited: fc.uniqueArray(fc.nat({ max: findings.length - 1 }), { minLength: 1 }),
          unit: fc.constantFrom(...units),
        }),
      );
      fc.assert(
        fc.property(scenario, ({ findings, cited, unit }) => {
          const history = [...opening()];
          findings.forEach(({ attributions, withdrawn }, index) => {
            history.push(an.findingRecorded(`finding-${index}`, { attributions }));
            if (withdrawn) history.push(an.findingWithdrawn(`finding-${index}`));
          });
          const citedFindings = cited.map((index) => findings[index]);
          const citesWithdrawn = citedFindings.some((f) => f.withdrawn);
          const citesUnit = citedFindings.some((f) =>
            f.attributions.some((x) => x.level === 'unit' && x.contingentId === unit),
          );
          const naming = a.naming(
            'naming-1',
            unit,
            cited.map((index) => `finding-${index}`),
          );
          if (!citesWithdrawn && citesUnit) {
            expect(given(...history).when(naming)).toHaveLength(1);
          } else {
            const code = citesWithdrawn ? 'finding_withdrawn' : 'no_finding_attributed_to_unit';
            expect(() => given(...history).when(naming)).toThrow(violation(code, 'findingIds'));
          }
        }),
      );
    });
  });
});
