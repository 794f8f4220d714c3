import type { LedgerClient } from '../support/http-client';
import { endpoint, type Fixtures } from './write-endpoints';

/** Records one of each thing the bad requests point at, through the API, and returns their ids. */
export async function recordFixtures(client: LedgerClient): Promise<Fixtures> {
  const admin = client.as('admin');
  const investigator = client.as('investigator');
  const f = {} as Fixtures;
  const create = async (as: LedgerClient, name: string, body: object = endpoint(name).valid(f)) =>
    (await as.create(endpoint(name).path(f), body)).id;

  await admin.create('/missions', {
    code: 'UNMISS',
    name: 'United Nations Mission in South Sudan',
    hostCountry: 'SSD',
  });
  f.appointmentId = await create(admin, 'POST /missions/{code}/leaders', {
    role: 'force_commander',
    subjectId: 'subject-force-commander',
    nationality: 'ETH',
    appointedAt: '2016-05-26T00:00:00+03:00',
  });
  f.contingentId = await create(admin, 'POST /contingents', {
    country: 'ETH',
    unitType: 'infantry_battalion',
    designation: 'Ethiopian battalion',
    missionCode: 'UNMISS',
  });
  f.incidentId = await create(investigator, 'POST /incidents');
  f.investigationId = await create(investigator, 'POST /investigations');
  f.evidenceId = await create(investigator, 'POST /investigations/{id}/evidence');
  f.findingId = await create(investigator, 'POST /investigations/{id}/findings');
  f.recommendationId = await create(investigator, 'POST /investigations/{id}/recommendations', {
    action: 'repatriate_unit',
    contingentId: f.contingentId,
    findingIds: [f.findingId],
    rationale: 'The unit abandoned its posts',
  });
  f.decisionId = await create(client.as('decider'), 'POST /decisions', {
    ...endpoint('POST /decisions').valid(f),
    recommendationId: f.recommendationId,
  });
  f.notificationId = await create(investigator, 'POST /contingents/{id}/notifications');
  return f;
}
