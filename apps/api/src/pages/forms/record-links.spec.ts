import { recordLinks } from './record-links';

describe('Links from a record to its forms', () => {
  const onMission: Parameters<typeof recordLinks>[1] = [
    { formId: 'leader-appoint', params: { mission: 'UNMISS' } },
    { formId: 'contingent-withdrawal', params: { contingent: 'c-1' }, label: 'Withdraw' },
  ];

  it('offers the forms whose API route one of the principal’s roles may write in', () => {
    expect(recordLinks({ roles: ['reviewer', 'admin'] }, onMission)).toEqual([
      { href: '/ui/forms/leader-appoint?mission=UNMISS', label: 'Appoint a mission leader' },
      { href: '/ui/forms/contingent-withdrawal?contingent=c-1', label: 'Withdraw' },
    ]);
  });

  it('offers nothing to a role the permission table does not let write there, nor to nobody', () => {
    expect(recordLinks({ roles: ['investigator', 'reviewer', 'tcc_liaison'] }, onMission)).toEqual(
      [],
    );
    expect(recordLinks(undefined, onMission)).toEqual([]);
  });

  it('ignores a form that does not exist', () => {
    expect(recordLinks({ roles: ['admin'] }, [{ formId: 'no-such-form', params: {} }])).toEqual([]);
  });
});
