import { afterInstant } from '../../support/clock';
import { fingerprint } from '../../support/fingerprint';
import type { LedgerClient } from '../../support/http-client';
import { lastRecordedIn } from '../../support/ledger-head';

/**
 * UNMISS, 17-18 February 2016: fighting in the Malakal protection of civilians site drew in
 * government troops from outside and killed at least 30 civilians. A mission-internal
 * investigation and a Board of Inquiry from New York said different things; the Secretariat
 * promised repatriations but named no unit; of three repatriations asked for, one was carried
 * out half a year later, one quietly lapsed and one was "overtaken by geopolitical concerns".
 *
 * Recorded through the JSON API, as the cast of test/support/principals.ts; the end-to-end
 * story and the browser tier both tell it from here.
 */
export const INCIDENT_OCCURRED = '2016-02-17T22:00:00+03:00';
export const BOARD_REPORTED = '2016-06-21T12:00:00Z';
export const DECIDED = '2016-06-21T16:00:00Z';
export const RWANDAN_COMMANDER_REPATRIATED = '2016-08-17T12:00:00Z';
export const GEOPOLITICS = 'Overtaken by geopolitical concerns';
export const FIRST_SUMMARY =
  'Fighting broke out between residents of the POC site and drew in government troops from the outside';
export const END_OF_ROTATION =
  'The battalion commander quietly stayed until the end of his rotation';

export interface MalakalRecord {
  units: { rwanda: string; india: string; ethiopia: string };
  incidentId: string;
  internal: {
    id: string;
    commandAndControl: string;
    rulesOfEngagement: string;
    coordination: string;
    retraining: string;
  };
  board: { id: string; evidence: string; writtenAuthorisation: string; abandonedPosts: string };
  recommendations: { rwandanCommander: string; indianCommander: string; ethiopianUnit: string };
  decisions: { rwandanCommander: string; indianCommander: string; ethiopianUnit: string };
  /** The last instant the ledger had recorded before the Board of Inquiry was opened. */
  beforeBoardOfInquiry: string;
  /** Once the Board had reported, before any decision. */
  afterBoardOfInquiry: string;
}

export async function recordMalakal(client: LedgerClient): Promise<MalakalRecord> {
  const units = { rwanda: '', india: '', ethiopia: '' };
  let incidentId = '';
  const internal = {
    id: '',
    commandAndControl: '',
    rulesOfEngagement: '',
    coordination: '',
    retraining: '',
  };
  const board = { id: '', evidence: '', writtenAuthorisation: '', abandonedPosts: '' };
  const recommendations = { rwandanCommander: '', indianCommander: '', ethiopianUnit: '' };
  const decisions = { rwandanCommander: '', indianCommander: '', ethiopianUnit: '' };
  let beforeBoardOfInquiry = '';
  let afterBoardOfInquiry = '';
  const reviewer = client.as('reviewer');
  const admin = client.as('admin');
  const missionTeam = client.as('investigator2');
  const boardInvestigator = client.as('investigator');
  const decider = client.as('decider');

  await admin.create('/missions', {
    code: 'UNMISS',
    name: 'United Nations Mission in South Sudan',
    hostCountry: 'SSD',
  });
  const battalion = (country: string, designation: string) =>
    admin.create('/contingents', {
      country,
      unitType: 'infantry_battalion',
      designation,
      missionCode: 'UNMISS',
      sector: 'Sector North',
    });
  units.rwanda = (await battalion('RWA', 'Rwandan battalion')).id;
  units.india = (await battalion('IND', 'Indian battalion')).id;
  units.ethiopia = (await battalion('ETH', 'Ethiopian battalion')).id;

  incidentId = (
    await missionTeam.create('/incidents', {
      missionCode: 'UNMISS',
      occurredAt: INCIDENT_OCCURRED,
      location: { name: 'Malakal POC site', latitude: 9.53, longitude: 31.66 },
      category: 'attack_on_poc_site',
      summary: FIRST_SUMMARY,
      casualties: { civiliansKilled: 30 },
      contingentIds: [units.rwanda, units.india, units.ethiopia],
    })
  ).id;

  // The mission's own investigation: failures of the system, attributed to the mission.
  internal.id = (
    await missionTeam.create('/investigations', {
      incidentIds: [incidentId],
      kind: 'mission_internal',
      title: 'UNMISS internal investigation into the attack on the Malakal POC site',
    })
  ).id;
  const internalFinding = (body: object) =>
    missionTeam.create(`/investigations/${internal.id}/findings`, body).then((r) => r.id);
  internal.commandAndControl = await internalFinding({
    statement: 'Command-and-control deficiencies during the attack',
    category: 'command_and_control',
    severity: 'high',
    attributions: [{ level: 'mission_leadership' }],
  });
  internal.rulesOfEngagement = await internalFinding({
    statement: 'Incorrect interpretation of the rules of engagement',
    category: 'rules_of_engagement',
    severity: 'high',
    attributions: [{ level: 'mission_component', component: 'military' }],
  });
  internal.coordination = await internalFinding({
    statement: 'Poor coordination between the civilian, military and police components',
    category: 'coordination',
    severity: 'medium',
    attributions: [
      { level: 'mission_component', component: 'civilian' },
      { level: 'mission_component', component: 'military' },
      { level: 'mission_component', component: 'police' },
    ],
  });
  internal.retraining = (
    await missionTeam.create(`/investigations/${internal.id}/recommendations`, {
      action: 'retrain',
      findingIds: [internal.rulesOfEngagement],
      rationale: 'Train the military component on the rules of engagement for the POC site',
    })
  ).id;
  // The mission team, who reported the incident, makes the Board of Inquiry responsible for it.
  await missionTeam.create(`/incidents/${incidentId}/investigators`, {
    investigatorId: 'inv-boi',
  });
  beforeBoardOfInquiry = await lastRecordedIn(reviewer, `incident-${incidentId}`);
  await afterInstant(beforeBoardOfInquiry);

  // The Board of Inquiry flown in from New York: unit-level conduct.
  board.id = (
    await boardInvestigator.create('/investigations', {
      incidentIds: [incidentId],
      kind: 'board_of_inquiry',
      title: 'Board of Inquiry into the attack on the Malakal POC site',
    })
  ).id;
  board.evidence = (
    await boardInvestigator.create(`/investigations/${board.id}/evidence`, {
      kind: 'testimony',
      description: 'Testimony of sector command staff on requests for authorisation to use force',
      sha256: fingerprint('Malakal Board of Inquiry, sector command testimony'),
      custodian: 'Board of Inquiry secretariat, New York',
    })
  ).id;
  board.writtenAuthorisation = (
    await boardInvestigator.create(`/investigations/${board.id}/findings`, {
      statement:
        'Peacekeepers sought written authorisation to use force from the sector command, which was unnecessary under the rules of engagement',
      category: 'rules_of_engagement',
      severity: 'high',
      attributions: [
        { level: 'unit', contingentId: units.rwanda },
        { level: 'unit', contingentId: units.india },
        { level: 'role', role: 'battalion_commander' },
      ],
      evidenceIds: [board.evidence],
    })
  ).id;
  board.abandonedPosts = (
    await boardInvestigator.create(`/investigations/${board.id}/findings`, {
      statement:
        "Sentries of the Ethiopian contingent abandoned their posts on the POC site's perimeter",
      category: 'abandonment_of_post',
      severity: 'critical',
      attributions: [{ level: 'unit', contingentId: units.ethiopia }],
    })
  ).id;
  const recommend = (body: object) =>
    boardInvestigator.create(`/investigations/${board.id}/recommendations`, body).then((r) => r.id);
  recommendations.rwandanCommander = await recommend({
    action: 'repatriate_commander',
    contingentId: units.rwanda,
    role: 'battalion_commander',
    subjectIds: ['rwanbatt-commander-2016'],
    findingIds: [board.writtenAuthorisation],
    rationale: 'Command responsibility for not using force when the rules of engagement allowed it',
  });
  recommendations.indianCommander = await recommend({
    action: 'repatriate_commander',
    contingentId: units.india,
    role: 'battalion_commander',
    subjectIds: ['indbatt-commander-2016'],
    findingIds: [board.writtenAuthorisation],
    rationale: 'Command responsibility for not using force when the rules of engagement allowed it',
  });
  recommendations.ethiopianUnit = await recommend({
    action: 'repatriate_unit',
    contingentId: units.ethiopia,
    findingIds: [board.abandonedPosts],
    rationale: 'The contingent abandoned the sentry posts on the perimeter during the attack',
  });
  await boardInvestigator.create(`/investigations/${board.id}/reports`, {
    summary: 'Repatriations promised; no unit named in public',
    submittedAt: BOARD_REPORTED,
  });
  afterBoardOfInquiry = await lastRecordedIn(reviewer, `investigation-${board.id}`);
  await afterInstant(afterBoardOfInquiry);

  // The Secretariat decides; then what became of each decision.
  const decide = (body: object) => decider.create('/decisions', body).then((r) => r.id);
  const authority = 'Under-Secretary-General for Peace Operations';
  decisions.rwandanCommander = await decide({
    recommendationId: recommendations.rwandanCommander,
    contingentId: units.rwanda,
    scope: 'commander',
    outcome: 'repatriate',
    subjectIds: ['rwanbatt-commander-2016'],
    authority,
    rationale: 'As the Board of Inquiry recommends',
    decidedAt: DECIDED,
  });
  decisions.indianCommander = await decide({
    recommendationId: recommendations.indianCommander,
    contingentId: units.india,
    scope: 'commander',
    outcome: 'repatriate',
    subjectIds: ['indbatt-commander-2016'],
    authority,
    rationale: 'As the Board of Inquiry recommends',
    decidedAt: DECIDED,
  });
  decisions.ethiopianUnit = await decide({
    recommendationId: recommendations.ethiopianUnit,
    contingentId: units.ethiopia,
    scope: 'unit',
    outcome: 'defer',
    authority,
    rationale: 'The repatriation of the whole contingent is deferred',
    reasonForDeviation: GEOPOLITICS,
    decidedAt: DECIDED,
  });
  await decider.create(`/decisions/${decisions.rwandanCommander}/implementation`, {
    implementedAt: RWANDAN_COMMANDER_REPATRIATED,
    note: 'Repatriated half a year after the attack',
  });
  await decider.create(`/decisions/${decisions.indianCommander}/lapse`, {
    reason: END_OF_ROTATION,
  });
  await decider.create(`/decisions/${decisions.ethiopianUnit}/lapse`, {
    reason: `Never carried out: ${GEOPOLITICS.toLowerCase()}`,
  });
  return {
    units,
    incidentId,
    internal,
    board,
    recommendations,
    decisions,
    beforeBoardOfInquiry,
    afterBoardOfInquiry,
  };
}
