import fc from 'fast-check';
import { AccessScope } from './access-scope';
import { countryViewOf } from './country-view';
import { HIDDEN, scrubForCountry, WITHHELD } from './scrub-for-country';

const ETH = 'c0000000-0000-4000-8000-000000000001';
const RWA = 'c0000000-0000-4000-8000-000000000002';
const incident = 'a0000000-0000-4000-8000-000000000001';
const rwandaOnly = 'a0000000-0000-4000-8000-000000000002';
const investigation = 'b0000000-0000-4000-8000-000000000001';
const findingBoth = 'f0000000-0000-4000-8000-000000000001';
const findingRwanda = 'f0000000-0000-4000-8000-000000000002';
const evidence = 'e0000000-0000-4000-8000-000000000001';

function scenario(): AccessScope {
  const scope = new AccessScope();
  const apply = (type: string, data: Record<string, unknown>) => scope.apply({ type, data });
  apply('ContingentRegistered', { contingentId: ETH, country: 'ETH' });
  apply('ContingentRegistered', { contingentId: RWA, country: 'RWA' });
  apply('IncidentReported', { incidentId: incident, contingentIds: [ETH] });
  apply('IncidentUnitsLinked', { incidentId: incident, contingentIds: [RWA] });
  apply('IncidentReported', { incidentId: rwandaOnly, contingentIds: [RWA] });
  apply('InvestigationOpened', { investigationId: investigation, incidentIds: [incident] });
  apply('InvestigatorAssigned', { investigationId: investigation, investigatorId: 'inv-1' });
  apply('EvidenceLogged', { investigationId: investigation, evidenceId: evidence });
  apply('FindingRecorded', {
    investigationId: investigation,
    findingId: findingBoth,
    attributions: [
      { level: 'unit', contingentId: ETH },
      { level: 'unit', contingentId: RWA },
    ],
  });
  apply('FindingRecorded', {
    investigationId: investigation,
    findingId: findingRwanda,
    attributions: [{ level: 'unit', contingentId: RWA }],
  });
  return scope;
}

describe('What a liaison sees', () => {
  const view = countryViewOf(scenario(), 'ETH');

  it('hides the other country’s units, their incidents and findings, and all evidence', () => {
    expect([...view.hidden].sort()).toEqual([rwandaOnly, RWA, evidence, findingRwanda].sort());
  });

  it('keeps an incident of its own unit, without the other unit in it', () => {
    const reported = { incidentId: incident, contingentIds: [ETH, RWA], summary: `units ${RWA}` };
    expect(scrubForCountry(reported, view)).toEqual({
      incidentId: incident,
      contingentIds: [ETH],
      summary: `units ${WITHHELD}`,
    });
  });

  it('drops the other unit’s attribution from a finding about both', () => {
    const finding = {
      findingId: findingBoth,
      attributions: [
        { level: 'unit', contingentId: ETH },
        { level: 'unit', contingentId: RWA },
        { level: 'member_state', country: 'RWA' },
      ],
      evidenceIds: [evidence],
    };
    expect(scrubForCountry(finding, view)).toEqual({
      findingId: findingBoth,
      attributions: [{ level: 'unit', contingentId: ETH }],
      evidenceIds: [],
    });
  });

  it('drops events of the other unit’s stream from a page, and hides a lone one entirely', () => {
    const page = {
      events: [
        { streamId: `contingent-${RWA}`, data: { contingentId: RWA } },
        { streamId: `contingent-${ETH}`, data: { contingentId: ETH, country: 'ETH' } },
      ],
    };
    expect(scrubForCountry(page, view)).toEqual({ events: [page.events[1]] });
    expect(scrubForCountry(page.events[0], view)).toBe(HIDDEN);
  });

  it('never lets a hidden id through, whatever the shape of the answer', () => {
    const hiddenIds = [...view.hidden];
    const anyId = fc.constantFrom(...hiddenIds, ETH, incident, investigation, findingBoth);
    const leaf = fc.oneof(
      anyId,
      anyId.map((id) => `incident-${id}`),
      anyId.map((id) => `text about ${id}.`),
      fc.string(),
      fc.integer(),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('tree'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('id', 'ids', 'data', 'country', 'x'), tie('tree'), {
          maxKeys: 4,
        }),
      ),
    }));
    fc.assert(
      fc.property(tree, (answer) => {
        const scrubbed = scrubForCountry(answer, view);
        if (scrubbed === HIDDEN) return;
        const text = JSON.stringify(scrubbed) ?? '';
        for (const id of hiddenIds) expect(text).not.toContain(id);
      }),
    );
  });

  describe('of mission leaders', () => {
    const kenyanCommander = 'd0000000-0000-4000-8000-000000000001';
    const chadianSrsg = 'd0000000-0000-4000-8000-000000000002';
    const aboutCommander = 'f0000000-0000-4000-8000-000000000009';
    const toRelieve = 'e0000000-0000-4000-8000-000000000009';
    const relieved = 'e0000000-0000-4000-8000-000000000010';
    const leaders = () => {
      const scope = scenario();
      const apply = (type: string, data: Record<string, unknown>) => scope.apply({ type, data });
      apply('LeaderAppointed', { appointmentId: kenyanCommander, nationality: 'KEN' });
      apply('LeaderAppointed', { appointmentId: chadianSrsg, nationality: 'TCD' });
      apply('FindingRecorded', {
        investigationId: investigation,
        findingId: aboutCommander,
        attributions: [{ level: 'role', role: 'force_commander', appointmentId: kenyanCommander }],
      });
      apply('RecommendationIssued', {
        investigationId: investigation,
        recommendationId: toRelieve,
        appointmentId: kenyanCommander,
        findingIds: [aboutCommander],
      });
      apply('RepatriationDecided', {
        decisionId: relieved,
        appointmentId: kenyanCommander,
        recommendation: { recommendationId: toRelieve },
      });
      return scope;
    };

    it("shows a country's liaison its national's appointment and what was found, recommended and decided about it", () => {
      const kenya = countryViewOf(leaders(), 'KEN');
      for (const id of [kenyanCommander, aboutCommander, toRelieve, relieved, investigation]) {
        expect(kenya.hidden.has(id)).toBe(false);
      }
      expect(kenya.hidden.has(chadianSrsg)).toBe(true);
    });

    it("hides another country's leaders and everything about them", () => {
      const ethiopia = countryViewOf(leaders(), 'ETH');
      for (const id of [kenyanCommander, chadianSrsg, aboutCommander, toRelieve, relieved]) {
        expect(ethiopia.hidden.has(id)).toBe(true);
      }
    });
  });
});
