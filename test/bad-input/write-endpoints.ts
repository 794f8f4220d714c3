import { fingerprint } from '../support/fingerprint';
import type { PrincipalName } from '../support/principals';

/** The things the bad requests point at: one of each, recorded before the tables run. */
export interface Fixtures {
  contingentId: string;
  incidentId: string;
  investigationId: string;
  evidenceId: string;
  findingId: string;
  recommendationId: string;
  decisionId: string;
  notificationId: string;
  /** The force commander of UNMISS, an Ethiopian. */
  appointmentId: string;
}

export type Body = Record<string, unknown>;

/** One write endpoint of the README's table: who may call it, a valid body, its required fields. */
export interface WriteEndpoint {
  name: string;
  as: PrincipalName;
  path: (f: Fixtures) => string;
  valid: (f: Fixtures) => Body;
  required: string[];
}

const at = '2016-07-11T09:00:00Z';

export const writeEndpoints: WriteEndpoint[] = [
  {
    name: 'POST /missions',
    as: 'admin',
    path: () => '/missions',
    valid: () => ({ code: 'MINUSMA', name: 'United Nations mission in Mali', hostCountry: 'MLI' }),
    required: ['code', 'name', 'hostCountry'],
  },
  {
    name: 'POST /missions/{code}/leaders',
    as: 'admin',
    path: () => '/missions/UNMISS/leaders',
    valid: () => ({
      role: 'sector_commander',
      post: 'Sector North',
      subjectId: 'subject-sector-north',
      nationality: 'ETH',
      appointedAt: at,
    }),
    required: ['role', 'subjectId', 'nationality', 'appointedAt'],
  },
  {
    name: 'POST /missions/{code}/leaders/{appointmentId}/departure',
    as: 'admin',
    path: (f) => `/missions/UNMISS/leaders/${f.appointmentId}/departure`,
    valid: () => ({ at, reason: 'end_of_assignment' }),
    required: ['at', 'reason'],
  },
  {
    name: 'POST /contingents',
    as: 'admin',
    path: () => '/contingents',
    valid: () => ({
      country: 'NPL',
      unitType: 'formed_police_unit',
      designation: 'Nepalese formed police unit',
      missionCode: 'UNMISS',
    }),
    required: ['country', 'unitType', 'designation', 'missionCode'],
  },
  {
    name: 'POST /contingents/{id}/rotations',
    as: 'admin',
    path: (f) => `/contingents/${f.contingentId}/rotations`,
    valid: () => ({ startedAt: at, strength: 850 }),
    required: ['startedAt'],
  },
  {
    name: 'POST /contingents/{id}/rehatting',
    as: 'admin',
    path: (f) => `/contingents/${f.contingentId}/rehatting`,
    valid: () => ({ fromOperation: 'MISCA (African Union)', toMissionCode: 'UNMISS', at }),
    required: ['fromOperation', 'toMissionCode', 'at'],
  },
  {
    name: 'POST /contingents/{id}/withdrawal',
    as: 'admin',
    path: (f) => `/contingents/${f.contingentId}/withdrawal`,
    valid: () => ({ at, by: 'contributing_country', reason: 'End of the deployment' }),
    required: ['at', 'by', 'reason'],
  },
  {
    name: 'POST /contingents/{id}/return',
    as: 'admin',
    path: (f) => `/contingents/${f.contingentId}/return`,
    valid: () => ({ at: '2016-09-01T00:00:00Z', strength: 800 }),
    required: ['at'],
  },
  {
    name: 'POST /contingents/{id}/evaluations',
    as: 'admin',
    path: (f) => `/contingents/${f.contingentId}/evaluations`,
    valid: () => ({ evaluatedAt: at, rating: 'meets_standard', summary: 'Unit evaluation' }),
    required: ['evaluatedAt', 'rating', 'summary'],
  },
  {
    name: 'POST /contingents/{id}/commendations',
    as: 'admin',
    path: (f) => `/contingents/${f.contingentId}/commendations`,
    valid: () => ({ at, citation: 'Held the perimeter' }),
    required: ['at', 'citation'],
  },
  {
    name: 'POST /contingents/{id}/notifications',
    as: 'investigator',
    path: (f) => `/contingents/${f.contingentId}/notifications`,
    valid: (f) => ({
      subjectStreamId: `investigation-${f.investigationId}`,
      notifiedAt: at,
      channel: 'email',
    }),
    required: ['subjectStreamId', 'notifiedAt', 'channel'],
  },
  {
    name: 'POST /contingents/{id}/replies',
    as: 'liaisonETH',
    path: (f) => `/contingents/${f.contingentId}/replies`,
    valid: (f) => ({ statement: 'Ethiopia takes note', regarding: f.notificationId }),
    required: ['statement', 'regarding'],
  },
  {
    name: 'POST /incidents',
    as: 'investigator',
    path: () => '/incidents',
    valid: () => ({
      missionCode: 'UNMISS',
      occurredAt: '2016-07-10T12:00:00+03:00',
      location: { name: 'UN House POC site, Juba' },
      category: 'failure_to_protect',
      summary: 'Fighting in Juba',
    }),
    required: ['missionCode', 'occurredAt', 'location', 'category', 'summary'],
  },
  {
    name: 'POST /incidents/{id}/amendments',
    as: 'investigator',
    path: (f) => `/incidents/${f.incidentId}/amendments`,
    valid: () => ({
      changes: { summary: 'Fighting in Juba, 8-11 July' },
      reason: 'Dates confirmed',
    }),
    required: ['changes', 'reason'],
  },
  {
    name: 'POST /incidents/{id}/units',
    as: 'investigator',
    path: (f) => `/incidents/${f.incidentId}/units`,
    valid: (f) => ({ contingentIds: [f.contingentId] }),
    required: ['contingentIds'],
  },
  {
    name: 'POST /incidents/{id}/investigators',
    as: 'investigator',
    path: (f) => `/incidents/${f.incidentId}/investigators`,
    valid: () => ({ investigatorId: 'inv-mission' }),
    required: ['investigatorId'],
  },
  {
    name: 'POST /incidents/{id}/closure',
    as: 'investigator',
    path: (f) => `/incidents/${f.incidentId}/closure`,
    valid: () => ({ reason: 'Investigations concluded' }),
    required: ['reason'],
  },
  {
    name: 'POST /incidents/{id}/reopening',
    as: 'investigator',
    path: (f) => `/incidents/${f.incidentId}/reopening`,
    valid: () => ({ reason: 'New evidence' }),
    required: ['reason'],
  },
  {
    name: 'POST /investigations',
    as: 'investigator',
    path: () => '/investigations',
    valid: (f) => ({
      incidentIds: [f.incidentId],
      kind: 'special_investigation',
      title: 'Special investigation',
    }),
    required: ['incidentIds', 'kind', 'title'],
  },
  {
    name: 'POST /investigations/{id}/investigators',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/investigators`,
    valid: () => ({ investigatorId: 'inv-mission' }),
    required: ['investigatorId'],
  },
  {
    name: 'POST /investigations/{id}/national-investigator',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/national-investigator`,
    valid: () => ({ country: 'ETH', appointedAt: at, subjectId: 'subject-nio-1' }),
    required: ['country', 'appointedAt'],
  },
  {
    name: 'POST /investigations/{id}/evidence',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/evidence`,
    valid: () => ({
      kind: 'document',
      description: 'Sector command log',
      sha256: fingerprint('sector command log'),
      custodian: 'UNMISS evidence room',
    }),
    required: ['kind', 'description', 'sha256', 'custodian'],
  },
  {
    name: 'POST /investigations/{id}/evidence/{evidenceId}/custody',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/evidence/${f.evidenceId}/custody`,
    valid: () => ({
      toCustodian: 'OIOS, New York',
      transferredAt: at,
      reason: 'For the Board of Inquiry',
    }),
    required: ['toCustodian', 'transferredAt', 'reason'],
  },
  {
    name: 'POST /investigations/{id}/findings',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/findings`,
    valid: (f) => ({
      statement: 'The battalion abandoned its posts',
      category: 'abandonment_of_post',
      severity: 'high',
      attributions: [{ level: 'unit', contingentId: f.contingentId }],
    }),
    required: ['statement', 'category', 'attributions', 'severity'],
  },
  {
    name: 'POST /investigations/{id}/findings/{findingId}/revisions',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/findings/${f.findingId}/revisions`,
    valid: () => ({ changes: { severity: 'critical' }, reason: 'Deaths confirmed' }),
    required: ['changes', 'reason'],
  },
  {
    name: 'POST /investigations/{id}/findings/{findingId}/withdrawal',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/findings/${f.findingId}/withdrawal`,
    valid: () => ({ reason: 'Testimony retracted' }),
    required: ['reason'],
  },
  {
    name: 'POST /investigations/{id}/namings',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/namings`,
    valid: (f) => ({ contingentId: f.contingentId, findingIds: [f.findingId], public: true }),
    required: ['contingentId', 'findingIds', 'public'],
  },
  {
    name: 'POST /investigations/{id}/recommendations',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/recommendations`,
    valid: (f) => ({
      action: 'retrain',
      findingIds: [f.findingId],
      rationale: 'Retrain on the rules of engagement',
    }),
    required: ['action', 'findingIds', 'rationale'],
  },
  {
    name: 'POST /investigations/{id}/reports',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/reports`,
    valid: () => ({ summary: 'Report', submittedAt: at }),
    required: ['summary', 'submittedAt'],
  },
  {
    name: 'POST /investigations/{id}/closure',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/closure`,
    valid: () => ({ summary: 'Concluded' }),
    required: ['summary'],
  },
  {
    name: 'POST /investigations/{id}/reopening',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/reopening`,
    valid: () => ({ reason: 'New testimony' }),
    required: ['reason'],
  },
  {
    name: 'POST /decisions',
    as: 'decider',
    path: () => '/decisions',
    valid: (f) => ({
      contingentId: f.contingentId,
      scope: 'unit',
      outcome: 'repatriate',
      authority: 'Under-Secretary-General for Peace Operations',
      rationale: 'As recommended',
    }),
    required: ['contingentId', 'scope', 'outcome', 'authority', 'rationale'],
  },
  {
    name: 'POST /decisions/{id}/implementation',
    as: 'decider',
    path: (f) => `/decisions/${f.decisionId}/implementation`,
    valid: () => ({ implementedAt: at }),
    required: ['implementedAt'],
  },
  {
    name: 'POST /decisions/{id}/reversal',
    as: 'decider',
    path: (f) => `/decisions/${f.decisionId}/reversal`,
    valid: () => ({ reason: 'Decided in error' }),
    required: ['reason'],
  },
  {
    name: 'POST /decisions/{id}/lapse',
    as: 'decider',
    path: (f) => `/decisions/${f.decisionId}/lapse`,
    valid: () => ({ reason: 'The rotation ended first' }),
    required: ['reason'],
  },
];

export const endpoint = (name: string): WriteEndpoint => {
  const found = writeEndpoints.find((e) => e.name === name);
  if (!found) throw new Error(`no endpoint ${name}`);
  return found;
};

export const without = (body: Body, field: string): Body =>
  Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));
