import { randomUUID } from 'node:crypto';
import type { PrincipalName } from '../support/principals';
import { vocabulary } from './vocabulary';
import { endpoint, writeEndpoints, without, type Body, type Fixtures } from './write-endpoints';

/** Who sends a request: a principal of the cast, nobody, or a token the ledger does not know. */
export type Sender = PrincipalName | { token: string | undefined };

export interface BadRequest {
  name: string;
  /** POST unless said. */
  method?: 'GET';
  as: Sender;
  path: (f: Fixtures) => string;
  body?: (f: Fixtures) => unknown;
  /** Sent as is instead of `body`. */
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  code?: string;
  field?: string;
  /** Words the `detail` must contain, e.g. the allowed values of an enumeration. */
  detailMentions?: readonly string[];
}

const LINE = 200;
const PASSAGE = 20_000;

/** The same request with one field of the valid body replaced. */
const withField = (
  name: string,
  field: string,
  value: unknown,
  expected: Partial<BadRequest> = {},
): BadRequest => {
  const target = endpoint(name);
  return {
    name: `${name} with ${field} = ${JSON.stringify(value).slice(0, 40)}`,
    as: target.as,
    path: target.path,
    body: (f) => ({ ...target.valid(f), [field]: value }),
    status: 400,
    code: 'validation_failed',
    field,
    ...expected,
  };
};

/** The same request with the valid body changed by `change`. */
const changed = (
  name: string,
  label: string,
  change: (body: Body, f: Fixtures) => Body,
  expected: Partial<BadRequest>,
) => {
  const target = endpoint(name);
  return {
    name: `${name} ${label}`,
    as: target.as,
    path: target.path,
    body: (f: Fixtures) => change(target.valid(f), f),
    status: 400,
    ...expected,
  } as BadRequest;
};

const atPath = (
  name: string,
  label: string,
  path: (f: Fixtures) => string,
  expected: Partial<BadRequest>,
) => {
  const target = endpoint(name);
  return {
    name: `${name} ${label}`,
    as: target.as,
    path,
    body: target.valid,
    status: 404,
    ...expected,
  } as BadRequest;
};

const unknown = randomUUID();

const malformedJson: BadRequest[] = [
  ...writeEndpoints.map((e) => ({
    name: `${e.name} with a truncated body`,
    as: e.as,
    path: e.path,
    raw: JSON.stringify(e.valid({} as Fixtures)).slice(0, -3),
    status: 400,
    code: 'malformed_json',
  })),
  {
    name: 'single quotes',
    as: 'admin',
    path: () => '/missions',
    raw: "{'code': 'UNMISS'}",
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'a trailing comma',
    as: 'investigator',
    path: () => '/incidents',
    raw: '{"summary": "x",}',
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'a bare string',
    as: 'decider',
    path: () => '/decisions',
    raw: '"repatriate"',
    status: 400,
    code: 'malformed_json',
  },
];

const missingFields: BadRequest[] = writeEndpoints.flatMap((e) =>
  e.required.map((field) => ({
    name: `${e.name} without ${field}`,
    as: e.as,
    path: e.path,
    body: (f: Fixtures) => without(e.valid(f), field),
    status: 400,
    code: 'validation_failed',
    field,
  })),
);

const extraFields: BadRequest[] = [
  ...writeEndpoints.map((e) => withField(e.name, 'approvedBy', 'someone')),
  changed(
    'POST /incidents',
    'with an unknown field in location',
    (b) => ({ ...b, location: { name: 'Juba', altitude: 550 } }),
    {
      code: 'validation_failed',
      field: 'location.altitude',
    },
  ),
  changed(
    'POST /investigations/{id}/findings',
    'with an unknown field in an attribution',
    (b, f) => ({
      ...b,
      attributions: [{ level: 'unit', contingentId: f.contingentId, weight: 1 }],
    }),
    { code: 'validation_failed', field: 'attributions[0].weight' },
  ),
  withField('POST /contingents/{id}/replies', 'country', 'KEN'),
];

const wrongTypes: BadRequest[] = [
  withField('POST /contingents', 'strength', '850'),
  withField('POST /contingents', 'strength', -5),
  withField('POST /missions', 'hostCountry', 'South Sudan'),
  withField('POST /missions', 'code', 'unmiss'),
  withField('POST /incidents', 'occurredAt', 1468141200000),
  withField('POST /incidents', 'occurredAt', '2016-07-10T12:00:00'),
  withField('POST /incidents', 'occurredAt', '10/07/2016'),
  withField('POST /incidents', 'location', 'Juba'),
  changed(
    'POST /incidents',
    'with a latitude of 123',
    (b) => ({ ...b, location: { name: 'Juba', latitude: 123 } }),
    {
      code: 'validation_failed',
      field: 'location.latitude',
    },
  ),
  changed(
    'POST /incidents',
    'with casualties as text',
    (b) => ({ ...b, casualties: { civiliansKilled: '30' } }),
    {
      code: 'validation_failed',
      field: 'casualties.civiliansKilled',
    },
  ),
  changed(
    'POST /incidents',
    'with negative casualties',
    (b) => ({ ...b, casualties: { civiliansKilled: -1 } }),
    {
      code: 'validation_failed',
      field: 'casualties.civiliansKilled',
    },
  ),
  changed(
    'POST /incidents',
    'with fractional casualties',
    (b) => ({ ...b, casualties: { civiliansKilled: 2.5 } }),
    {
      code: 'validation_failed',
      field: 'casualties.civiliansKilled',
    },
  ),
  withField('POST /investigations', 'incidentIds', 'all of them'),
  withField('POST /investigations/{id}/evidence', 'sha256', 'abc'),
  withField('POST /investigations/{id}/findings', 'attributions', { level: 'unit' }),
  withField('POST /investigations/{id}/findings', 'attributions', []),
  withField('POST /investigations/{id}/findings', 'contextFactors', 'only 54 peacekeepers'),
  withField('POST /investigations/{id}/namings', 'public', 'yes'),
  withField('POST /investigations/{id}/namings', 'findingIds', []),
  withField('POST /contingents/{id}/replies', 'statement', 42),
  withField('POST /contingents/{id}/rotations', 'commanderDetails', 'Lt Col X'),
  withField('POST /incidents/{id}/closure', 'reason', ''),
  withField('POST /decisions', 'rationale', null),
  withField('POST /missions/{code}/leaders', 'nationality', 'Kenya'),
  withField('POST /missions/{code}/leaders', 'appointedAt', '2016-05-26'),
  withField('POST /missions/{code}/leaders', 'subjectId', 'Lt Gen Ondieki'),
  withField('POST /missions/{code}/leaders', 'subjectDetails', 'Lt Gen X'),
  withField('POST /missions/{code}/leaders/{appointmentId}/departure', 'at', 1478044800000),
  withField('POST /contingents', 'deployedAt', '2016-01-15'),
  withField('POST /contingents/{id}/withdrawal', 'at', 'November 2016'),
  withField('POST /contingents/{id}/return', 'strength', -1),
  withField('POST /contingents/{id}/return', 'strength', '1000'),
  withField('POST /investigations/{id}/national-investigator', 'country', 'Gabon'),
  withField('POST /investigations/{id}/national-investigator', 'appointedAt', '29/06/2021'),
  withField('POST /investigations/{id}/national-investigator', 'subjectDetails', ['rank']),
  changed(
    'POST /decisions',
    'with scope leader and no appointment',
    (b) => ({ ...without(b, 'contingentId'), scope: 'leader', outcome: 'relieve' }),
    { code: 'validation_failed', field: 'appointmentId' },
  ),
];

const enumValue = (
  name: string,
  field: string,
  allowed: readonly string[],
  value = 'not_a_value',
): BadRequest => withField(name, field, value, { detailMentions: allowed });

const unknownEnumValues: BadRequest[] = [
  enumValue('POST /contingents', 'unitType', vocabulary.unitType, 'navy'),
  enumValue('POST /incidents', 'category', vocabulary.incidentCategory, 'massacre'),
  enumValue('POST /investigations', 'kind', vocabulary.investigationKind, 'tribunal'),
  enumValue('POST /investigations/{id}/evidence', 'kind', vocabulary.evidenceKind, 'rumour'),
  enumValue(
    'POST /investigations/{id}/findings',
    'category',
    vocabulary.findingCategory,
    'cowardice',
  ),
  enumValue('POST /investigations/{id}/findings', 'severity', vocabulary.severity, 'catastrophic'),
  changed(
    'POST /investigations/{id}/findings',
    'with an unknown attribution level',
    (b) => ({ ...b, attributions: [{ level: 'battalion' }] }),
    {
      code: 'validation_failed',
      field: 'attributions[0].level',
      detailMentions: vocabulary.attributionLevel,
    },
  ),
  enumValue(
    'POST /investigations/{id}/recommendations',
    'action',
    vocabulary.recommendationAction,
    'court_martial',
  ),
  enumValue('POST /decisions', 'scope', vocabulary.decisionScope, 'platoon'),
  enumValue('POST /decisions', 'outcome', vocabulary.decisionOutcome, 'maybe'),
  enumValue(
    'POST /contingents/{id}/evaluations',
    'rating',
    vocabulary.evaluationRating,
    'excellent',
  ),
  enumValue(
    'POST /contingents/{id}/notifications',
    'channel',
    vocabulary.notificationChannel,
    'carrier_pigeon',
  ),
  enumValue('POST /missions/{code}/leaders', 'role', vocabulary.leaderRole, 'chief_of_staff'),
  enumValue(
    'POST /missions/{code}/leaders/{appointmentId}/departure',
    'reason',
    vocabulary.departureReason,
    'dismissed',
  ),
  enumValue('POST /contingents/{id}/withdrawal', 'by', vocabulary.withdrawalBy, 'host_government'),
];

const overLimits: BadRequest[] = [
  withField('POST /missions', 'name', 'M'.repeat(LINE + 1)),
  withField('POST /contingents', 'designation', 'B'.repeat(LINE + 1)),
  withField('POST /investigations', 'title', 'T'.repeat(LINE + 1)),
  withField('POST /decisions', 'authority', 'A'.repeat(LINE + 1)),
  withField('POST /investigations/{id}/findings', 'statement', 'S'.repeat(PASSAGE + 1)),
  withField('POST /investigations/{id}/findings', 'contextFactors', ['C'.repeat(5 * LINE + 1)]),
  withField('POST /incidents/{id}/closure', 'reason', 'R'.repeat(PASSAGE + 1)),
  withField('POST /contingents/{id}/replies', 'statement', 'S'.repeat(PASSAGE + 1)),
  withField('POST /missions/{code}/leaders', 'post', 'P'.repeat(LINE + 1)),
  withField(
    'POST /missions/{code}/leaders/{appointmentId}/departure',
    'note',
    'N'.repeat(PASSAGE + 1),
  ),
  withField('POST /contingents/{id}/withdrawal', 'reason', 'R'.repeat(PASSAGE + 1)),
];

const overOneMegabyte: BadRequest[] = [
  withField('POST /incidents', 'summary', 'x'.repeat(1024 * 1024 + 1), {
    status: 413,
    code: 'payload_too_large',
    field: undefined,
  }),
  {
    name: 'POST /investigations/{id}/evidence with 2 MB of JSON',
    as: 'investigator',
    path: (f) => `/investigations/${f.investigationId}/evidence`,
    raw: JSON.stringify({ description: 'd'.repeat(2 * 1024 * 1024) }),
    status: 413,
    code: 'payload_too_large',
  },
];

const notUuids: BadRequest[] = [
  atPath(
    'POST /incidents/{id}/amendments',
    'on incident "malakal"',
    () => '/incidents/malakal/amendments',
    { status: 400, field: 'id' },
  ),
  atPath(
    'POST /investigations/{id}/findings',
    'on investigation "42"',
    () => '/investigations/42/findings',
    { status: 400, field: 'id' },
  ),
  atPath(
    'POST /investigations/{id}/findings/{findingId}/withdrawal',
    'on finding "f-1"',
    (f) => `/investigations/${f.investigationId}/findings/f-1/withdrawal`,
    { status: 400, field: 'findingId' },
  ),
  atPath('POST /decisions/{id}/lapse', 'on decision "12345"', () => '/decisions/12345/lapse', {
    status: 400,
    field: 'id',
  }),
  atPath(
    'POST /contingents/{id}/evaluations',
    'on contingent "ETHBATT"',
    () => '/contingents/ETHBATT/evaluations',
    {
      status: 400,
      field: 'id',
    },
  ),
  withField('POST /decisions', 'contingentId', 'ETHBATT'),
  withField('POST /decisions', 'recommendationId', 'rec-1'),
  withField('POST /decisions', 'appointmentId', 'fc-1'),
  atPath(
    'POST /missions/{code}/leaders/{appointmentId}/departure',
    'on appointment "fc-1"',
    () => '/missions/UNMISS/leaders/fc-1/departure',
    { status: 400, field: 'appointmentId' },
  ),
  atPath(
    'POST /contingents/{id}/withdrawal',
    'on contingent "KENBATT"',
    () => '/contingents/KENBATT/withdrawal',
    { status: 400, field: 'id' },
  ),
  atPath(
    'POST /investigations/{id}/national-investigator',
    'on investigation "42"',
    () => '/investigations/42/national-investigator',
    { status: 400, field: 'id' },
  ),
  withField('POST /investigations/{id}/recommendations', 'appointmentId', 'fc-1'),
  changed(
    'POST /investigations/{id}/findings',
    'naming appointment "fc"',
    (b) => ({
      ...b,
      attributions: [{ level: 'role', role: 'force_commander', appointmentId: 'fc' }],
    }),
    { code: 'validation_failed', field: 'attributions[0].appointmentId' },
  ),
  withField('POST /investigations', 'incidentIds', ['malakal']),
  withField('POST /investigations/{id}/namings', 'findingIds', ['f-1']),
  changed(
    'POST /investigations/{id}/findings',
    'attributed to contingent "ethbatt"',
    (b) => ({ ...b, attributions: [{ level: 'unit', contingentId: 'ethbatt' }] }),
    { code: 'validation_failed', field: 'attributions[0].contingentId' },
  ),
];

const unknownIdsInPath: BadRequest[] = [
  atPath(
    'POST /incidents/{id}/amendments',
    'on an unknown incident',
    () => `/incidents/${unknown}/amendments`,
    {
      code: 'incident_not_found',
    },
  ),
  atPath(
    'POST /incidents/{id}/closure',
    'on an unknown incident',
    () => `/incidents/${unknown}/closure`,
    {
      code: 'incident_not_found',
    },
  ),
  atPath(
    'POST /investigations/{id}/findings',
    'on an unknown investigation',
    () => `/investigations/${unknown}/findings`,
    {
      code: 'investigation_not_found',
    },
  ),
  atPath(
    'POST /investigations/{id}/findings/{findingId}/withdrawal',
    'on an unknown finding',
    (f) => `/investigations/${f.investigationId}/findings/${unknown}/withdrawal`,
    { code: 'finding_not_found', field: 'findingId' },
  ),
  atPath(
    'POST /investigations/{id}/evidence/{evidenceId}/custody',
    'on unknown evidence',
    (f) => `/investigations/${f.investigationId}/evidence/${unknown}/custody`,
    { code: 'evidence_not_found', field: 'evidenceId' },
  ),
  atPath(
    'POST /decisions/{id}/implementation',
    'on an unknown decision',
    () => `/decisions/${unknown}/implementation`,
    {},
  ),
  atPath(
    'POST /decisions/{id}/lapse',
    'on an unknown decision',
    () => `/decisions/${unknown}/lapse`,
    {},
  ),
  atPath(
    'POST /contingents/{id}/evaluations',
    'on an unknown contingent',
    () => `/contingents/${unknown}/evaluations`,
    {
      code: 'contingent_not_found',
    },
  ),
  atPath(
    'POST /contingents/{id}/replies',
    'on an unknown contingent',
    () => `/contingents/${unknown}/replies`,
    {
      code: 'not_found',
    },
  ),
  atPath(
    'POST /missions/{code}/leaders/{appointmentId}/departure',
    'on an unknown appointment',
    () => `/missions/UNMISS/leaders/${unknown}/departure`,
    { code: 'appointment_not_found', field: 'appointmentId' },
  ),
  atPath(
    'POST /missions/{code}/leaders',
    'in a mission not registered',
    () => '/missions/MINUSMA/leaders',
    { code: 'mission_not_found' },
  ),
  atPath(
    'POST /contingents/{id}/withdrawal',
    'on an unknown contingent',
    () => `/contingents/${unknown}/withdrawal`,
    { code: 'contingent_not_found' },
  ),
  atPath(
    'POST /investigations/{id}/national-investigator',
    'on an unknown investigation',
    () => `/investigations/${unknown}/national-investigator`,
    { code: 'investigation_not_found' },
  ),
  {
    name: 'POST to a route that does not exist',
    as: 'admin',
    path: () => '/battalions',
    body: () => ({}),
    status: 404,
  },
];

const unknownIdsInBody: BadRequest[] = [
  withField('POST /contingents', 'missionCode', 'MINUSMA', {
    status: 422,
    code: 'unknown_mission',
  }),
  withField('POST /incidents', 'missionCode', 'MONUSCO', { status: 422, code: 'unknown_mission' }),
  withField('POST /incidents', 'contingentIds', [unknown], {
    status: 422,
    code: 'unknown_contingent',
    field: 'contingentIds[0]',
  }),
  withField('POST /incidents/{id}/units', 'contingentIds', [unknown], {
    status: 422,
    code: 'unknown_contingent',
    field: 'contingentIds[0]',
  }),
  withField('POST /investigations', 'incidentIds', [unknown], {
    status: 422,
    code: 'unknown_incident',
    field: 'incidentIds[0]',
  }),
  changed(
    'POST /investigations/{id}/findings',
    'attributed to an unknown contingent',
    (b) => ({ ...b, attributions: [{ level: 'unit', contingentId: unknown }] }),
    { status: 422, code: 'unknown_contingent', field: 'attributions[0].contingentId' },
  ),
  withField('POST /investigations/{id}/findings', 'evidenceIds', [unknown], {
    status: 422,
    code: 'unknown_evidence',
  }),
  withField('POST /investigations/{id}/namings', 'contingentId', unknown, {
    status: 422,
    code: 'unknown_contingent',
  }),
  withField('POST /investigations/{id}/namings', 'findingIds', [unknown], {
    status: 422,
    code: 'unknown_finding',
  }),
  withField('POST /investigations/{id}/recommendations', 'findingIds', [unknown], {
    status: 422,
    code: 'unknown_finding',
  }),
  withField('POST /decisions', 'contingentId', unknown, {
    status: 422,
    code: 'unknown_contingent',
  }),
  withField('POST /decisions', 'recommendationId', unknown, {
    status: 422,
    code: 'unknown_recommendation',
  }),
  withField('POST /contingents/{id}/notifications', 'subjectStreamId', `investigation-${unknown}`, {
    status: 422,
    code: 'unknown_stream',
  }),
  withField('POST /contingents/{id}/replies', 'regarding', unknown, {
    status: 422,
    code: 'unknown_notification',
  }),
  changed(
    'POST /decisions',
    'about an unknown leader',
    (b) => ({
      ...without(b, 'contingentId'),
      scope: 'leader',
      outcome: 'relieve',
      appointmentId: unknown,
    }),
    { status: 422, code: 'unknown_appointment', field: 'appointmentId' },
  ),
  changed(
    'POST /investigations/{id}/findings',
    'naming an unknown appointment',
    (b) => ({
      ...b,
      attributions: [{ level: 'role', role: 'force_commander', appointmentId: unknown }],
    }),
    { status: 422, code: 'unknown_appointment', field: 'attributions[0].appointmentId' },
  ),
  changed(
    'POST /investigations/{id}/recommendations',
    'to relieve an unknown leader',
    (b) => ({ ...b, action: 'relieve_leader', appointmentId: unknown }),
    { status: 422, code: 'unknown_appointment', field: 'appointmentId' },
  ),
];

/** Well-formed requests that a rule of the domain refuses: 422, naming the rule and the field. */
const domainRules: BadRequest[] = [
  withField('POST /missions/{code}/leaders', 'role', 'force_commander', {
    status: 422,
    code: 'post_already_held',
    field: 'appointedAt',
  }),
  changed(
    'POST /missions/{code}/leaders/{appointmentId}/departure',
    'before the appointment began',
    (b) => ({ ...b, at: '2016-01-01T00:00:00Z' }),
    { status: 422, code: 'departed_before_appointed', field: 'at' },
  ),
  changed(
    'POST /missions/{code}/leaders/{appointmentId}/departure',
    'for another reason, unsaid',
    (b) => ({ ...b, reason: 'other' }),
    { status: 422, code: 'note_required', field: 'note' },
  ),
  changed('POST /contingents/{id}/return', 'of a unit that has not left', (b) => b, {
    status: 422,
    code: 'contingent_not_withdrawn',
  }),
  changed(
    'POST /investigations/{id}/national-investigator',
    'on an investigation that is not national',
    (b) => b,
    { status: 422, code: 'not_a_national_investigation' },
  ),
  changed(
    'POST /investigations/{id}/recommendations',
    'to repatriate a commander, naming neither unit nor leader',
    (b) => ({ ...b, action: 'repatriate_commander', role: 'force_commander' }),
    { status: 422, code: 'commander_required', field: 'contingentId' },
  ),
  changed(
    'POST /investigations/{id}/recommendations',
    'to relieve a leader of a unit',
    (b, f) => ({
      ...b,
      action: 'relieve_leader',
      appointmentId: f.appointmentId,
      contingentId: f.contingentId,
    }),
    { status: 422, code: 'contingent_not_for_leader', field: 'contingentId' },
  ),
  changed(
    'POST /investigations/{id}/findings',
    'naming an appointment under another role',
    (b, f) => ({
      ...b,
      attributions: [{ level: 'role', role: 'srsg', appointmentId: f.appointmentId }],
    }),
    { status: 422, code: 'appointment_role_mismatch', field: 'attributions[0].role' },
  ),
  changed(
    'POST /decisions',
    'repatriating a leader',
    (b, f) => ({
      ...without(b, 'contingentId'),
      scope: 'leader',
      outcome: 'repatriate',
      appointmentId: f.appointmentId,
    }),
    { status: 422, code: 'outcome_not_for_scope', field: 'outcome' },
  ),
];

const credentials: BadRequest[] = writeEndpoints.flatMap((e) => [
  {
    name: `${e.name} without a token`,
    as: { token: undefined },
    path: e.path,
    body: e.valid,
    status: 401,
    code: 'unauthenticated',
  },
  {
    name: `${e.name} with a token the ledger does not know`,
    as: { token: 'not-a-token-of-this-ledger' },
    path: e.path,
    body: e.valid,
    status: 401,
    code: 'unauthenticated',
  },
]);

const malformedAuthorization: BadRequest = {
  name: 'POST /decisions with Basic credentials',
  as: { token: undefined },
  path: () => '/decisions',
  body: endpoint('POST /decisions').valid,
  headers: { authorization: 'Basic dXNnOmRwbw==' },
  status: 401,
  code: 'unauthenticated',
};

function asOther(name: string, as: PrincipalName): BadRequest {
  const target = endpoint(name);
  return { name: `${name} by ${as}`, as, path: target.path, body: target.valid, status: 403 };
}

const wrongRoles: BadRequest[] = [
  ...writeEndpoints.map((e) => ({
    name: `${e.name} by a reviewer`,
    as: 'reviewer' as const,
    path: e.path,
    body: e.valid,
    status: 403,
  })),
  asOther('POST /decisions', 'investigator'),
  asOther('POST /missions', 'decider'),
  asOther('POST /contingents', 'investigator'),
  asOther('POST /investigations/{id}/findings', 'oversight'),
  asOther('POST /investigations/{id}/findings', 'liaisonETH'),
  asOther('POST /contingents/{id}/notifications', 'liaisonETH'),
  asOther('POST /contingents/{id}/replies', 'admin'),
  // Another country's unit is, to a liaison, as absent as an unknown one (no existence oracle).
  { ...asOther('POST /contingents/{id}/replies', 'liaisonMRT'), status: 404, code: 'not_found' },
  asOther('POST /missions/{code}/leaders', 'investigator'),
  asOther('POST /missions/{code}/leaders/{appointmentId}/departure', 'decider'),
  asOther('POST /contingents/{id}/withdrawal', 'liaisonETH'),
  asOther('POST /investigations/{id}/national-investigator', 'liaisonETH'),
  asOther('POST /investigations/{id}/national-investigator', 'admin'),
];

/** Reads whose query string is wrong: the fairness figures and their records, deadlines by period. */
const PERIOD = 'from=2014-01-01&to=2025-01-01';
const query = (
  name: string,
  path: string,
  field: string,
  as: Sender = 'oversight',
): BadRequest => ({
  name,
  method: 'GET',
  as,
  path: () => path,
  status: 400,
  code: 'validation_failed',
  field,
});
const badQueries: BadRequest[] = [
  query('GET /fairness without from', '/fairness?to=2025-01-01', 'from'),
  query('GET /fairness without to', '/fairness?from=2014-01-01', 'to'),
  query(
    'GET /fairness with a from that is no date',
    '/fairness?from=2014-13-01&to=2025-01-01',
    'from',
  ),
  query(
    'GET /fairness with a time without its zone',
    '/fairness?from=2014-01-01T00:00:00&to=2025-01-01',
    'from',
  ),
  query('GET /fairness with to before from', '/fairness?from=2025-01-01&to=2014-01-01', 'to'),
  query('GET /fairness with to equal to from', '/fairness?from=2014-01-01&to=2014-01-01', 'to'),
  query(
    'GET /fairness with a mission code in lower case',
    `/fairness?mission=minusca&${PERIOD}`,
    'mission',
  ),
  query('GET /fairness with an unknown parameter', `/fairness?${PERIOD}&asof=2020-01-01`, 'asof'),
  query(
    'GET /fairness as a liaison with a bad period',
    '/fairness?from=x&to=y',
    'from',
    'liaisonETH',
  ),
  {
    ...query(
      'GET /fairness/records with an unknown figure',
      `/fairness/records?${PERIOD}&figure=verdicts`,
      'figure',
    ),
    detailMentions: ['person_years', 'common_parameters'],
  },
  query('GET /fairness/records without a figure', `/fairness/records?${PERIOD}`, 'figure'),
  query(
    'GET /fairness/records with a country that is no code',
    `/fairness/records?${PERIOD}&figure=incidents&country=Kenya`,
    'country',
  ),
  query(
    'GET /fairness/records with an over-long key',
    `/fairness/records?${PERIOD}&figure=findings&key=${'k'.repeat(LINE + 1)}`,
    'key',
  ),
  query(
    'GET /fairness/records with limit 0',
    `/fairness/records?${PERIOD}&figure=incidents&limit=0`,
    'limit',
  ),
  query('GET /deadlines with a from that is no date', '/deadlines?from=yesterday', 'from'),
  {
    name: 'GET /fairness as a decision authority',
    method: 'GET',
    as: 'decider',
    path: () => `/fairness?${PERIOD}`,
    status: 403,
  },
  {
    name: 'GET /fairness/records as an investigator',
    method: 'GET',
    as: 'investigator',
    path: () => `/fairness/records?${PERIOD}&figure=incidents`,
    status: 403,
  },
];

/** Each table: what is wrong with the requests, and the requests. */
export const badRequestTables: [string, BadRequest[]][] = [
  ['malformed JSON is a 400', malformedJson],
  ['a missing required field is a 400 naming it', missingFields],
  ['an unknown extra field is a 400 naming it', extraFields],
  ['a value of the wrong type or form is a 400 naming its field', wrongTypes],
  ['an unknown enumeration value is a 400 that lists the allowed values', unknownEnumValues],
  ['a string over its limit is a 400 naming its field', overLimits],
  ['a body over 1 MB is a 413', overOneMegabyte],
  ['an id that is not a UUID is a 400 naming it', notUuids],
  ['an unknown id in the path is a 404', unknownIdsInPath],
  ['an unknown id in the body is a 422 naming the field', unknownIdsInBody],
  ['a rule of the domain is a 422 naming it', domainRules],
  ['no token or a bad token is a 401', [...credentials, malformedAuthorization]],
  ['a role that may not write there is a 403', wrongRoles],
  [
    'a read with a bad query string is a 400 naming the parameter, or a 403 for a role it is not for',
    badQueries,
  ],
];
