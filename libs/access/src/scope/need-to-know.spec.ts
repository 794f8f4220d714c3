import { AccessScope } from './access-scope';
import { hasNeedToKnow } from './need-to-know';

describe('Need-to-know', () => {
  const scope = new AccessScope();
  scope.apply({ type: 'IncidentReported', data: { incidentId: 'i1', contingentIds: ['c1'] } });
  scope.apply({
    type: 'InvestigationOpened',
    data: { investigationId: 'v1', incidentIds: ['i1'] },
  });
  scope.apply({
    type: 'InvestigatorAssigned',
    data: { investigationId: 'v1', investigatorId: 'a' },
  });
  const assigned = { id: 'a', roles: ['investigator'] };
  const other = { id: 'b', roles: ['investigator'] };
  const event = (streamId: string, author = 'someone') => ({ streamId, actor: { id: author } });

  it('is given to the investigators assigned to the investigation, its incident and its units', () => {
    expect(hasNeedToKnow(scope, assigned, event('investigation-v1'))).toBe(true);
    expect(hasNeedToKnow(scope, assigned, event('incident-i1'))).toBe(true);
    expect(hasNeedToKnow(scope, assigned, event('contingent-c1'))).toBe(true);
  });

  it('is not given to an investigator of another case', () => {
    expect(hasNeedToKnow(scope, other, event('investigation-v1'))).toBe(false);
    expect(hasNeedToKnow(scope, other, event('incident-i1'))).toBe(false);
  });

  it('is not given to oversight, reviewers or admins, even with an assignment id', () => {
    for (const role of ['oversight', 'reviewer', 'admin', 'decision_authority', 'tcc_liaison']) {
      expect(hasNeedToKnow(scope, { id: 'a', roles: [role] }, event('incident-i1'))).toBe(false);
    }
  });

  it('is given to the principal who recorded the details', () => {
    expect(
      hasNeedToKnow(scope, { id: 'adm', roles: ['admin'] }, event('contingent-c9', 'adm')),
    ).toBe(true);
  });
});
