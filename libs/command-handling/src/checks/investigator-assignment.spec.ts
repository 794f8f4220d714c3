import { incidentActRefusal, type IncidentAct } from './investigator-assignment';

const incident = {
  reportedBy: 'reporter',
  assigned: ['assigned'],
  coveringInvestigators: ['board'],
};
const investigator = (id: string) => ({ id, role: 'investigator' });
const ACTS: IncidentAct[] = [
  'amend',
  'link_units',
  'close',
  'reopen',
  'assign_investigator',
  'open_investigation',
];

describe('Who may act on an incident', () => {
  it.each(['reporter', 'assigned', 'board'])('lets the investigator %s do everything', (id) => {
    for (const act of ACTS)
      expect(incidentActRefusal(investigator(id), act, incident)).toBeUndefined();
  });

  it('refuses every act to an investigator who answers for nothing here, saying who may assign it', () => {
    for (const act of ACTS) {
      expect(incidentActRefusal(investigator('stranger'), act, incident)).toMatch(
        /or an admin, may assign you/,
      );
    }
  });

  it('lets an admin assign investigators, and leaves other roles to the permission table', () => {
    expect(
      incidentActRefusal({ id: 'a', role: 'admin' }, 'assign_investigator', incident),
    ).toBeUndefined();
    expect(incidentActRefusal({ id: 'x', role: 'importer' }, 'amend', incident)).toBeUndefined();
  });

  it('grants nothing to an investigator through an incident with no reporter on record', () => {
    const bare = { reportedBy: undefined, assigned: [], coveringInvestigators: [] };
    expect(incidentActRefusal(investigator('reporter'), 'amend', bare)).toBeDefined();
  });
});
