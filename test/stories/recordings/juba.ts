import { afterInstant } from '../../support/clock';
import type { LedgerClient } from '../../support/http-client';
import { lastRecordedIn } from '../../support/ledger-head';
import { kenyaLiaison } from '../../support/story-cast';

/**
 * UNMISS, July 2016: fighting in Juba. The independent special investigation singled out the
 * Chinese battalion for abandoning posts along the POC site's perimeter and the Nepalese formed
 * police unit for failing to uphold order within it; the Kenyan force commander was relieved,
 * and Kenya, answering that he had taken the fall for a system-wide failure, withdrew its
 * 1,000-strong contingent in protest, and came back in January 2017.
 *
 * Recorded through the JSON API, as the cast of test/support/story-cast.ts (Kenya's liaison
 * included); the end-to-end story and the browser tier both tell it from here.
 */
export const KENYA_REPLY =
  'Kenya considers that its force commander unfairly took the fall for a system-wide failure, and withdraws its contingent from UNMISS';

export const KENYA_WITHDRAWS =
  'In protest at the dismissal of the Kenyan force commander, who took the fall for a system-wide failure';

/** The Idempotency-Key the relief's implementation was sent with. */
export const RELIEF_KEY = 'juba-relieve-force-commander';

export interface JubaRecord {
  units: { china: string; nepal: string; kenya: string };
  incidentId: string;
  investigation: {
    id: string;
    chineseBattalion: string;
    nepaleseUnit: string;
    forceCommander: string;
  };
  namings: { china: string; nepal: string };
  notificationId: string;
  replyId: string;
  relief: {
    appointmentId: string;
    recommendationId: string;
    decisionId: string;
    /** The global position of the implementation. */
    implemented: number;
  };
  /** Once the recommendation to relieve him was recorded, before any decision on it. */
  beforeDecision: string;
  /** Once Kenya's withdrawal was recorded, before its return. */
  whileWithdrawn: string;
}

export async function recordJuba(client: LedgerClient): Promise<JubaRecord> {
  const units = { china: '', nepal: '', kenya: '' };
  let incidentId = '';
  const investigation = { id: '', chineseBattalion: '', nepaleseUnit: '', forceCommander: '' };
  const namings = { china: '', nepal: '' };
  let notificationId = '';
  let replyId = '';
  const relief = { appointmentId: '', recommendationId: '', decisionId: '', implemented: 0 };
  const admin = client.as('admin');
  const investigator = client.as('investigator');

  // Malakal may have registered UNMISS already, on a ledger that tells both stories.
  if ((await admin.get('/missions/UNMISS')).status === 404) {
    await admin.create('/missions', {
      code: 'UNMISS',
      name: 'United Nations Mission in South Sudan',
      hostCountry: 'SSD',
    });
  }
  const register = (country: string, unitType: string, designation: string, more = {}) =>
    admin
      .create('/contingents', {
        country,
        unitType,
        designation,
        missionCode: 'UNMISS',
        sector: 'Juba',
        ...more,
      })
      .then((r) => r.id);
  units.china = await register('CHN', 'infantry_battalion', 'Chinese battalion');
  units.nepal = await register('NPL', 'formed_police_unit', 'Nepalese formed police unit');
  units.kenya = await register('KEN', 'infantry_battalion', 'Kenyan battalion', {
    strength: 1000,
    deployedAt: '2016-01-15T00:00:00+03:00',
  });
  relief.appointmentId = (
    await admin.create('/missions/UNMISS/leaders', {
      role: 'force_commander',
      subjectId: 'subject-force-commander-ken',
      nationality: 'KEN',
      appointedAt: '2016-05-26T00:00:00+03:00',
    })
  ).id;

  incidentId = (
    await investigator.create('/incidents', {
      missionCode: 'UNMISS',
      occurredAt: '2016-07-10T12:00:00+03:00',
      location: { name: 'UN House POC site, Juba' },
      category: 'failure_to_protect',
      summary: 'Fighting in Juba; peacekeepers abandoned positions on the POC site perimeter',
      contingentIds: [units.china, units.nepal],
    })
  ).id;
  investigation.id = (
    await investigator.create('/investigations', {
      incidentIds: [incidentId],
      kind: 'independent_special_investigation',
      title:
        'Independent special investigation into the violence in Juba in 2016 and the response by UNMISS',
    })
  ).id;
  const finding = (body: object) =>
    investigator.create(`/investigations/${investigation.id}/findings`, body).then((r) => r.id);
  investigation.chineseBattalion = await finding({
    statement: "The Chinese battalion abandoned its posts along the POC site's perimeter",
    category: 'abandonment_of_post',
    severity: 'high',
    attributions: [{ level: 'unit', contingentId: units.china }],
  });
  investigation.nepaleseUnit = await finding({
    statement: 'The Nepalese formed police unit failed to uphold order within the POC site',
    category: 'conduct',
    severity: 'high',
    attributions: [{ level: 'unit', contingentId: units.nepal }],
  });
  investigation.forceCommander = await finding({
    statement:
      'A lack of leadership by the force commander made the response chaotic and ineffective',
    category: 'leadership',
    severity: 'critical',
    attributions: [
      { level: 'role', role: 'force_commander', appointmentId: relief.appointmentId },
      { level: 'mission_leadership' },
    ],
  });
  const name = (contingentId: string, findingId: string) =>
    investigator
      .create(`/investigations/${investigation.id}/namings`, {
        contingentId,
        findingIds: [findingId],
        public: true,
      })
      .then((r) => r.id);
  namings.china = await name(units.china, investigation.chineseBattalion);
  namings.nepal = await name(units.nepal, investigation.nepaleseUnit);

  notificationId = (
    await investigator.create(`/contingents/${units.kenya}/notifications`, {
      subjectStreamId: `investigation-${investigation.id}`,
      notifiedAt: '2016-11-01T15:00:00Z',
      channel: 'permanent_mission_meeting',
    })
  ).id;
  relief.recommendationId = (
    await investigator.create(`/investigations/${investigation.id}/recommendations`, {
      action: 'relieve_leader',
      appointmentId: relief.appointmentId,
      findingIds: [investigation.forceCommander],
      rationale: 'A lack of leadership by the force commander made the response chaotic',
    })
  ).id;
  const beforeDecision = await lastRecordedIn(
    client.as('reviewer'),
    `investigation-${investigation.id}`,
  );
  await afterInstant(beforeDecision);
  const decider = client.as('decider');
  relief.decisionId = (
    await decider.create('/decisions', {
      recommendationId: relief.recommendationId,
      appointmentId: relief.appointmentId,
      scope: 'leader',
      outcome: 'relieve',
      authority: 'Secretary-General',
      rationale: 'The findings of the independent special investigation',
      decidedAt: '2016-11-01T10:00:00-04:00',
    })
  ).id;
  relief.implemented = (
    await decider.create(
      `/decisions/${relief.decisionId}/implementation`,
      {
        implementedAt: '2016-11-02T00:00:00+03:00',
        note: 'Replaced by an acting force commander',
      },
      { 'Idempotency-Key': RELIEF_KEY },
    )
  ).position;
  replyId = (
    await client.withToken(kenyaLiaison.token).create(`/contingents/${units.kenya}/replies`, {
      statement: KENYA_REPLY,
      regarding: notificationId,
      respondedAt: '2016-11-02T09:00:00Z',
    })
  ).id;
  await admin.create(`/contingents/${units.kenya}/withdrawal`, {
    at: '2016-11-09T00:00:00+03:00',
    by: 'contributing_country',
    reason: KENYA_WITHDRAWS,
  });
  const whileWithdrawn = await lastRecordedIn(client.as('reviewer'), `contingent-${units.kenya}`);
  await afterInstant(whileWithdrawn);
  await admin.create(`/contingents/${units.kenya}/return`, { at: '2017-01-29T00:00:00+03:00' });
  return {
    units,
    incidentId,
    investigation,
    namings,
    notificationId,
    replyId,
    relief,
    beforeDecision,
    whileWithdrawn,
  };
}
