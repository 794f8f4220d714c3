import { createHash } from 'node:crypto';
import type { LedgerClient } from '../../support/http-client';

export const MISSION_CODE = 'UNMISS';

/** An acknowledged write: `201 {id, streamId, revision, position}`. */
export interface WriteAnswer {
  id: string;
  streamId: string;
  revision: number;
  position: number;
}

export const sha256Of = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Registers UNMISS and one contingent in it (as the admin); returns the contingent's id. */
export async function registerMissionAndContingent(client: LedgerClient): Promise<string> {
  const admin = client.as('admin');
  await admin.create('/missions', {
    code: MISSION_CODE,
    name: 'United Nations Mission in South Sudan',
    hostCountry: 'SSD',
  });
  const contingent = await admin.create('/contingents', {
    country: 'NPL',
    unitType: 'formed_police_unit',
    designation: 'Nepalese formed police unit',
    missionCode: MISSION_CODE,
    sector: 'Juba',
  });
  return contingent.id;
}

/** The body of `POST /incidents`; `summary` makes the report recognisable in the audit trail. */
export function incidentReport(contingentId: string, summary: string) {
  return {
    missionCode: MISSION_CODE,
    occurredAt: '2016-07-10T12:00:00+03:00',
    location: { name: 'UN House POC site, Juba', latitude: 4.8249, longitude: 31.5294 },
    category: 'failure_to_protect',
    summary,
    casualties: { civiliansKilled: 2 },
    contingentIds: [contingentId],
  };
}

/** The body of `POST /investigations/{id}/evidence`; `description` makes it recognisable. */
export function evidenceLog(description: string) {
  return {
    kind: 'testimony',
    description,
    sha256: sha256Of(description),
    custodian: 'UNMISS Special Investigations Unit, evidence room 2',
  };
}

/** Reports an incident and opens a Board of Inquiry into it (as the investigator). */
export async function openInvestigationIntoNewIncident(
  client: LedgerClient,
  contingentId: string,
  title: string,
): Promise<{ incidentId: string; investigationId: string }> {
  const investigator = client.as('investigator');
  const incident = await investigator.create(
    '/incidents',
    incidentReport(contingentId, `Incident under ${title}`),
  );
  const investigation = await investigator.create('/investigations', {
    incidentIds: [incident.id],
    kind: 'board_of_inquiry',
    title,
  });
  return { incidentId: incident.id, investigationId: investigation.id };
}
